package io.tidings.response;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.PackagedTidings;
import io.tidings.BadInput;
import io.tidings.TestCampaigns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the packaged application with SIGKILL in the middle of ingesting a large
 * responses file and a large opt-out file, runs the same command again, and checks that
 * every line was applied exactly once: each response recorded and counted in the scores
 * once, each opt-out recorded once, each bad line in the reject file once.
 */
class IngestRestartIntegrationTests {

	private static final int LINES = 3_000;

	/** Every this many lines, one names an unknown customer and is rejected. */
	private static final int BAD_EVERY = 50;

	private static final OffsetDateTime START = OffsetDateTime.parse("2026-01-01T00:00:00Z");

	@TempDir
	static Path folder;

	/** The home both tests share: their files touch different tables. */
	static Path home;

	static List<String> customerIds;

	@BeforeAll
	static void importCustomers() throws Exception {
		home = folder.resolve("home");
		customerIds = importSampleCustomers(home);
	}

	@Test
	void shouldApplyEveryResponseExactlyOnceAfterAKillInTheMiddle() throws Exception {
		// given customers and a large responses file
		Path file = folder.resolve("responses.csv");
		try (BufferedWriter out = Files.newBufferedWriter(file)) {
			out.write("customer_id,campaign,product,outcome,occurred_at,channel\n");
			for (int line = 2; line < LINES + 2; line++) {
				String customer = (line % BAD_EVERY == 0) ? "NOBODY" : customerIds.get(line % customerIds.size());
				out.write(customer + ",load," + ((line % 2 == 0) ? "TERM_DEPOSIT" : "MORTGAGE") + ","
						+ ((line % 3 == 0) ? "declined" : "responded") + "," + START.plusMinutes(line) + ",email\n");
			}
		}
		int bad = LINES / BAD_EVERY;
		int declined = (int) java.util.stream.IntStream.range(2, LINES + 2)
			.filter(line -> line % BAD_EVERY != 0 && line % 3 == 0)
			.count();
		// when killed once a few chunks are in, and run again
		killInTheMiddle(file, "responses");
		Process second = start(home, "responses-second", "ingest", file.toString(), "--kind", "responses");
		// then
		assertThat(second.waitFor(10, TimeUnit.MINUTES)).isTrue();
		assertThat(second.exitValue()).as(log(home, "responses-second")).isZero();
		try (Connection db = database(home)) {
			assertThat(scalar(db, "SELECT COUNT(*) FROM contact_response WHERE campaign = 'load'"))
				.isEqualTo(LINES - bad);
			assertThat(scalar(db, "SELECT COUNT(DISTINCT source_line) FROM contact_response")).isEqualTo(LINES - bad);
			assertThat(scalar(db, "SELECT SUM(negatives) FROM offer_response_score")).isEqualTo(declined);
			assertThat(scalar(db, "SELECT SUM(positives) FROM offer_response_score")).isEqualTo(LINES - bad - declined);
		}
		assertRejectedOnce(file, bad);
	}

	@Test
	void shouldApplyEveryOptOutExactlyOnceAfterAKillInTheMiddle() throws Exception {
		// given
		Path file = folder.resolve("opt-outs.csv");
		try (BufferedWriter out = Files.newBufferedWriter(file)) {
			out.write("customer_id,email,phone,country,channel,occurred_at\n");
			for (int line = 2; line < LINES + 2; line++) {
				String customer = (line % BAD_EVERY == 0) ? "NOBODY" : customerIds.get(line % customerIds.size());
				out.write(
						customer + ",,,," + ((line % 2 == 0) ? "email" : "sms") + "," + START.plusMinutes(line) + "\n");
			}
		}
		int bad = LINES / BAD_EVERY;
		// when
		killInTheMiddle(file, "opt-outs");
		Process second = start(home, "opt-outs-second", "ingest", file.toString(), "--kind", "opt-outs");
		// then
		assertThat(second.waitFor(10, TimeUnit.MINUTES)).isTrue();
		assertThat(second.exitValue()).as(log(home, "opt-outs-second")).isZero();
		try (Connection db = database(home)) {
			assertThat(scalar(db,
					"SELECT COUNT(*) FROM consent_event WHERE granted = FALSE AND source LIKE '%opt-outs.csv%'"))
				.isEqualTo(LINES - bad);
		}
		assertRejectedOnce(file, bad);
	}

	private static void killInTheMiddle(Path file, String kind) throws Exception {
		Process first = start(home, kind + "-first", "ingest", file.toString(), "--kind", kind);
		Path rejects = file.resolveSibling(file.getFileName().toString().replace(".csv", ".rejects.csv"));
		// rejects are written as chunks commit: three of them mean a few hundred lines
		// are in
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (lines(rejects) < 4) {
			assertThat(first.isAlive()).as("the ingest ended before it could be killed").isTrue();
			assertThat(Instant.now()).as("the ingest did not start in time").isBefore(deadline);
			Thread.sleep(10);
		}
		first.destroyForcibly();
		assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
		assertThat(lines(rejects)).as("killed in the middle").isLessThan(LINES / BAD_EVERY);
	}

	private static void assertRejectedOnce(Path file, int bad) {
		Path rejects = file.resolveSibling(file.getFileName().toString().replace(".csv", ".rejects.csv"));
		List<CSVRecord> records = BadInput.csv(rejects);
		Set<String> lines = new HashSet<>();
		records.subList(1, records.size()).forEach(record -> lines.add(record.get(0)));
		assertThat(records).hasSize(bad + 1);
		assertThat(lines).hasSize(bad);
	}

	/**
	 * @return the ids of the source records imported
	 */
	private static List<String> importSampleCustomers(Path home) throws Exception {
		// a copy, so that the reject file is written next to it
		Path samples = Files.createDirectories(home.resolve("samples"));
		for (String name : new String[] { "customers.csv", "customers.mapping.yml" }) {
			Files.copy(TestCampaigns.PROJECT.resolve("samples").resolve(name), samples.resolve(name),
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		Process process = start(home, "import", "import", samples.resolve("customers.csv").toString(), "--mapping",
				samples.resolve("customers.mapping.yml").toString());
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(log(home, "import")).isZero();
		List<String> ids = new java.util.ArrayList<>();
		try (Connection db = database(home);
				var statement = db.createStatement();
				ResultSet rows = statement.executeQuery("SELECT source_id FROM customer_source ORDER BY source_id")) {
			while (rows.next()) {
				ids.add(rows.getString(1));
			}
		}
		assertThat(ids).hasSizeGreaterThan(200);
		return ids;
	}

	private static Process start(Path home, String name, String... command) throws IOException {
		Files.createDirectories(home);
		return new ProcessBuilder(PackagedTidings.command(home, List.of(), command)).directory(folder.toFile())
			.redirectErrorStream(true)
			.redirectOutput(home.resolve(name + ".log").toFile())
			.start();
	}

	private static long lines(Path file) throws IOException {
		if (!Files.exists(file)) {
			return 0;
		}
		try (var lines = Files.lines(file)) {
			return lines.count();
		}
	}

	private static Connection database(Path home) throws SQLException {
		return DriverManager.getConnection("jdbc:h2:file:" + home.resolve("db/tidings"), "sa", "");
	}

	private static long scalar(Connection db, String sql) throws SQLException {
		try (var statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static String log(Path home, String name) throws IOException {
		return Files.readString(home.resolve(name + ".log"));
	}

}
