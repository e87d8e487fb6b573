package io.tidings.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tidings.TidingsApplication;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code @Validated} settings of every module: a value that cannot work stops the
 * start, and the command line names the setting, the reason and the value.
 */
class SettingsConstraintsTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(EverySetting.class);

	@Test
	void shouldStartWithTheDefaults() {
		this.contexts.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"tidings.links.base-url=ftp://x              | tidings.links.base-url must be an http or https URL without query, not ftp://x",
			"tidings.print.max-sheets-per-envelope=100   | tidings.print.max-sheets-per-envelope must be at most 99, not 100",
			"tidings.console.login.account-attempts=0    | tidings.console.login.account-attempts must be at least 1, not 0",
			"tidings.database.compaction-interval=-1s    | tidings.database.compaction-interval must not be negative, not -1s" })
	void shouldRefuseToStartNamingTheSettingTheReasonAndTheValue(String setting, String error) {
		this.contexts.withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(TidingsCommandLine.invalidSetting((RuntimeException) context.getStartupFailure()))
				.isEqualTo(error);
		});
	}

	@Test
	void shouldNameEverySettingThatCannotWorkWithTheValueAsWritten() {
		this.contexts
			.withPropertyValues("tidings.run.delivery-threads=0", "tidings.run.max-deliveries-per-second=-0.5",
					"tidings.run.retry-delay=-1s")
			.run((context) -> assertThat(
					TidingsCommandLine.invalidSetting((RuntimeException) context.getStartupFailure()))
				.isEqualTo("tidings.run.delivery-threads must be at least 1, not 0; "
						+ "tidings.run.max-deliveries-per-second must be at least 0, not -0.5; "
						+ "tidings.run.retry-delay must not be negative, not -1s"));
	}

	/** Binds the settings records of every module, and nothing else. */
	@ConfigurationPropertiesScan(basePackageClasses = TidingsApplication.class)
	static class EverySetting {

	}

}
