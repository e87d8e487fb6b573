package io.tidings.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;
import io.tidings.TestPostgres;

import static io.tidings.cli.TidingsCommandLineTests.tidings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The command line on PostgreSQL, configured as an operator configures it
 * ({@code SPRING_DATASOURCE_URL}, here the same property given to the JVM): a campaign
 * run, the responses ingested after it, the history of a customer, and the audit log that
 * the database keeps append-only.
 */
class PostgresCommandLineTests {

	@TempDir
	Path folder;

	@BeforeEach
	void useNewDatabase() {
		System.setProperty("spring.datasource.url", TestPostgres.newDatabase("command_line"));
		System.setProperty("spring.datasource.username", "postgres");
	}

	@AfterEach
	void useTheEmbeddedDatabaseAgain() {
		System.clearProperty("spring.datasource.url");
		System.clearProperty("spring.datasource.username");
	}

	@Test
	void shouldRunACampaignIngestTheResponsesAndShowACustomersHistory() {
		// given
		Path job = TestCampaigns.smallCampaign(this.folder.resolve("campaign"));
		String home = this.folder.resolve("home").toString();
		// when
		CommandResult run = tidings("run", job.toString(), "--as-of", "2026-09-30", "--home", home);
		CommandResult ingest = tidings("ingest", this.folder.resolve("campaign/responses.csv").toString(), "--kind",
				"responses", "--home", home);
		CommandResult history = tidings("history", "T910", "--home", home);
		// then
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(run.out()).contains("Run quarterly-statements/2026-09-30 completed.", "audience: 10 customers");
		assertThat(ingest.exitCode()).as(ingest.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(ingest.out()).contains("4 records, 2 accepted, 2 rejected");
		assertThat(history.exitCode()).as(history.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(history.out()).contains("Customer T009: ", "(source record T910 was merged into this customer)",
				"Communications: 2", "quarterly-statements/2026-09-30  print statement  PRINTED",
				"quarterly-statements/2026-09-30  email cross_sell  SENT", "Responses: 1");
		assertThat(Path.of(home, "db")).as("no embedded database was used").doesNotExist();
		// and the run and the view of the customer are in an audit log that PostgreSQL
		// keeps append-only
		CommandResult verify = tidings("audit", "verify", "--home", home);
		CommandResult export = tidings("audit", "export", "--home", home);
		assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(verify.out()).contains("Audit log intact: 2 entries checked.");
		assertThat(export.out()).contains("\"action\":\"RUN\"", "\"action\":\"VIEW_CUSTOMER\",\"target\":\"T009\"");
		for (String change : new String[] { "UPDATE console_audit SET username = 'someone-else'",
				"DELETE FROM console_audit", "TRUNCATE console_audit" }) {
			assertThatExceptionOfType(SQLException.class).as(change).isThrownBy(() -> {
				try (Connection connection = DriverManager.getConnection(System.getProperty("spring.datasource.url"),
						"postgres", ""); Statement statement = connection.createStatement()) {
					statement.execute(change);
				}
			}).withMessageContaining("the audit log is append-only");
		}
	}

}
