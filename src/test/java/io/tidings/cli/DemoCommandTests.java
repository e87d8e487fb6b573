package io.tidings.cli;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class DemoCommandTests {

	@Test
	void shouldServeTheDemoUsersToThisMachineOnlyWhenAskedTo() {
		// when
		TidingsSubcommand plain = demo("demo");
		TidingsSubcommand serving = demo("demo", "--serve");
		// then
		assertThat(plain.web()).isFalse();
		assertThat(plain.properties()).containsOnly(entry("tidings.print.sender-country", "PT"));
		assertThat(serving.web()).isTrue();
		assertThat(serving.properties()).containsEntry("tidings.console.demo-users", "true")
			.containsEntry("server.address", "127.0.0.1")
			.containsEntry("tidings.print.sender-country", "PT");
	}

	private static TidingsSubcommand demo(String... arguments) {
		ParseResult parsed = new CommandLine(new TidingsCommand()).parseArgs(arguments);
		return (TidingsSubcommand) parsed.subcommand().commandSpec().userObject();
	}

}
