package io.tidings.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;

import static io.tidings.cli.TidingsCommandLineTests.tidings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tidings run} takes its campaign's lock, the one "run now" of the console and the
 * scheduler take: while another process holds it the command starts nothing and says who
 * holds it since when; a lock left by a process of this host that is gone does not stop
 * it; the lock is freed when the run ends.
 */
class RunCommandLockTests {

	private static final String LOCK = "campaign:quarterly-statements";

	@TempDir
	Path folder;

	@Test
	void shouldRefuseToRunWhileAnotherProcessHoldsTheCampaignsLock() throws Exception {
		// given a home whose database exists, and another process holding the lock
		Path job = TestCampaigns.smallCampaign(this.folder.resolve("campaign"));
		Path home = this.folder.resolve("home");
		CommandResult first = tidings("run", job.toString(), "--as-of", "2026-09-30", "--home", home.toString());
		assertThat(first.exitCode()).as(first.toString()).isEqualTo(TidingsCommandLine.OK);
		hold(home, "pid 4242 on another-host (started 2026-10-30T06:00:00Z)");
		// when a run of the campaign is asked for
		CommandResult refused = tidings("run", job.toString(), "--as-of", "2026-10-31", "--home", home.toString());
		// then it starts nothing, with one line naming the campaign and the holder
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(TidingsCommandLine.RUN_FAILED);
		assertThat(refused.err().lines().filter((line) -> line.startsWith("error: "))).singleElement()
			.satisfies((line) -> assertThat(line)
				.startsWith("error: campaign quarterly-statements is already running: its lock is held by process 4242 "
						+ "on another-host since 20"));
		assertThat(refused.err()).doesNotContain("The details are in");
		assertThat(refused.out()).doesNotContain("Run quarterly-statements/2026-10-31");
		assertThat(runs(home, "2026-10-31")).isZero();
	}

	@Test
	void shouldRunWhenTheHolderWasAProcessOfThisHostThatIsGoneAndFreeTheLockAtTheEnd() throws Exception {
		// given a lock left by a process of this host that was killed
		Path job = TestCampaigns.smallCampaign(this.folder.resolve("campaign"));
		Path home = this.folder.resolve("home");
		CommandResult first = tidings("run", job.toString(), "--as-of", "2026-09-30", "--home", home.toString());
		assertThat(first.exitCode()).as(first.toString()).isEqualTo(TidingsCommandLine.OK);
		Process gone = new ProcessBuilder("true").start();
		gone.waitFor();
		hold(home, "pid " + gone.pid() + " on " + InetAddress.getLocalHost().getHostName().replaceAll("\\s", "")
				+ " (started 2026-10-30T06:00:00Z" + processSpace() + ")");
		// when the run is asked for again
		CommandResult resumed = tidings("run", job.toString(), "--as-of", "2026-10-31", "--home", home.toString());
		// then it runs, and the lock is free once it has ended
		assertThat(resumed.exitCode()).as(resumed.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(resumed.out()).contains("Run quarterly-statements/2026-10-31 completed.");
		assertThat(heldLocks(home)).isZero();
	}

	private static void hold(Path home, String holder) throws SQLException {
		try (Connection db = database(home); PreparedStatement hold = db.prepareStatement("""
				MERGE INTO shedlock (name, lock_until, locked_at, locked_by) KEY (name)
				VALUES (?, DATEADD('HOUR', 1, CURRENT_TIMESTAMP(3)), CURRENT_TIMESTAMP(3), ?)""")) {
			hold.setString(1, LOCK);
			hold.setString(2, holder);
			hold.executeUpdate();
		}
	}

	private static long runs(Path home, String runKey) throws SQLException {
		try (Connection db = database(home);
				PreparedStatement count = db.prepareStatement(
						"SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME = 'runKey' AND PARAMETER_VALUE = ?")) {
			count.setString(1, runKey);
			try (ResultSet result = count.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	private static long heldLocks(Path home) throws SQLException {
		try (Connection db = database(home);
				Statement statement = db.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT COUNT(*) FROM shedlock WHERE lock_until > CURRENT_TIMESTAMP(3)")) {
			result.next();
			return result.getLong(1);
		}
	}

	private static String processSpace() {
		try {
			return ", " + Files.readSymbolicLink(Path.of("/proc/self/ns/pid"));
		}
		catch (IOException | UnsupportedOperationException ex) {
			return "";
		}
	}

	private static Connection database(Path home) throws SQLException {
		return DriverManager.getConnection("jdbc:h2:file:" + home.resolve("db/tidings"), "sa", "");
	}

}
