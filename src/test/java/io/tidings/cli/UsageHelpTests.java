package io.tidings.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usage help of every command, the version, the completion script and the man pages:
 * what a newcomer sees first, and what the distribution archive ships.
 */
class UsageHelpTests {

	@TempDir
	Path folder;

	@Test
	void shouldRenderTheHelpOfEveryCommandWithoutAPicocliWarning() {
		// given picocli's tracer, which writes to standard error when it warns
		assertThat(CommandLine.tracer().isWarn()).isTrue();
		List<CommandLine> commands = ManualPages.commands(TidingsCommandLine.commandLine());
		PrintStream err = System.err;
		ByteArrayOutputStream warnings = new ByteArrayOutputStream();
		StringBuilder help = new StringBuilder();
		// when every command's usage help is rendered
		try {
			System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
			commands.forEach(command -> help.append(command.getUsageMessage()));
		}
		finally {
			System.setErr(err);
		}
		// then picocli warned of nothing, and the help says what it was meant to
		assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
		assertThat(commands).extracting(command -> command.getCommandSpec().qualifiedName())
			.contains("tidings", "tidings run", "tidings report", "tidings audit verify")
			.doesNotContain("tidings generate-completion");
		assertThat(help).contains("with its 95% confidence interval").doesNotContain("%%");
	}

	@Test
	void shouldShowTheVersionTheCommitAndTheMinuteOfTheBuild() {
		// given what the build recorded
		Properties build = properties("build.version", "0.1.0", "build.time", "2026-12-04T12:30:15.123Z");
		// then
		assertThat(BuildVersion.describe(build, properties("git.commit.id.abbrev", "7ee1304")))
			.isEqualTo("Tidings 0.1.0 (commit 7ee1304, built 2026-12-04T12:30Z)");
		// and built from sources without their history, or by an IDE
		assertThat(BuildVersion.describe(build, new Properties())).isEqualTo("Tidings 0.1.0 (built 2026-12-04T12:30Z)");
		assertThat(BuildVersion.describe(new Properties(), new Properties())).isEqualTo("Tidings (development build)");
	}

	@Test
	void shouldPrintTheVersionOfThisBuild() {
		// when
		CommandResult result = TidingsCommandLineTests.tidings("--version");
		// then the build's build-info and git.properties are read
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(result.out()).matches("Tidings \\d+\\.\\d+\\.\\d+\\S* \\((commit [0-9a-f]{7,}, )?built \\S+Z\\)\\R");
	}

	@Test
	void shouldPrintACompletionScriptFromAHiddenCommand() {
		// when
		CommandResult result = TidingsCommandLineTests.tidings("generate-completion");
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(result.out()).contains("complete -F _complete_tidings", "--dry-run", "history");
		assertThat(TidingsCommandLineTests.tidings("--help").out()).doesNotContain("generate-completion");
	}

	@Test
	void shouldWriteTheCompletionScriptAndAManPageForEveryCommand() throws IOException {
		// when
		ManualPages.write(this.folder);
		// then
		assertThat(this.folder.resolve("completion/tidings.bash")).content().contains("complete -F _complete_tidings");
		Path run = this.folder.resolve("man/man1/tidings-run.1");
		assertThat(run).content()
			.startsWith(".TH \"TIDINGS\\-RUN\" 1")
			.contains(".SH SYNOPSIS", "\\fB\\-\\-dry\\-run\\fR\n", "\\fB\\-\\-as\\-of\\fR=\\fIYYYY\\-MM\\-DD\\fR",
					".SH SEE ALSO\n\\fBtidings\\fR(1)");
		assertThat(this.folder.resolve("man/man1/tidings-report.1")).content().contains("95% confidence");
		assertThat(this.folder.resolve("man/man1/tidings-audit-verify.1")).exists();
		assertThat(this.folder.resolve("man/man1/tidings-generate-completion.1")).doesNotExist();
		assertThat(this.folder.resolve("man/asciidoc/tidings-run.adoc")).content().contains(":doctype: manpage");
	}

	private static Properties properties(String... entries) {
		Properties properties = new Properties();
		for (int i = 0; i < entries.length; i += 2) {
			properties.setProperty(entries[i], entries[i + 1]);
		}
		return properties;
	}

}
