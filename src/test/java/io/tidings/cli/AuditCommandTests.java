package io.tidings.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;

import static io.tidings.cli.TidingsCommandLineTests.tidings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tidings audit verify} and {@code tidings audit export}, in-process on a home of
 * their own: an entry changed in the database behind the log's back is named.
 */
class AuditCommandTests {

	@TempDir
	Path folder;

	@Test
	void shouldExportTheLogOwnerOnlyAndNameTheFirstEntryChangedBehindItsBack() throws IOException, SQLException {
		// given a dry run from the command line, recorded in the audit log, and its
		// export
		Path job = TestCampaigns.smallCampaign(this.folder.resolve("campaign"));
		String home = this.folder.resolve("home").toString();
		CommandResult dryRun = tidings("run", job.toString(), "--as-of", "2026-09-30", "--dry-run", "--home", home);
		Path export = this.folder.resolve("audit.jsonl");
		CommandResult exported = tidings("audit", "export", "--output", export.toString(), "--home", home);
		CommandResult nothingSince = tidings("audit", "export", "--since", "2999-01-01", "--home", home);
		// when the log is checked
		CommandResult intact = tidings("audit", "verify", "--home", home);
		// then its chain holds, and the export holds the dry run, for the owner only
		assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(exported.exitCode()).as(exported.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(intact.exitCode()).as(intact.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(intact.out()).contains("Audit log intact: 3 entries checked.");
		List<String> lines = Files.readAllLines(export);
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).startsWith("{\"seq\":1,")
			.contains("\"action\":\"DRY_RUN\"", "\"target\":\"quarterly-statements\"")
			.containsPattern("\"hash\":\"[0-9a-f]{64}\"");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(export))).isEqualTo("rw-------");
		assertThat(nothingSince.out()).isEmpty();
		// when an entry is changed behind the log's back
		try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + home + "/db/tidings", "sa", "");
				Statement statement = connection.createStatement()) {
			statement.executeUpdate("UPDATE console_audit SET target = 'another-campaign' WHERE seq = 1");
		}
		CommandResult broken = tidings("audit", "verify", "--home", home);
		// then the check names it, and fails
		assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(TidingsCommandLine.RUN_FAILED);
		assertThat(broken.out()).contains("Audit log BROKEN at entry 1", "DRY_RUN by ", "does not match its hash");
	}

}
