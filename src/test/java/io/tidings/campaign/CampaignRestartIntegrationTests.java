package io.tidings.campaign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.tidings.TestCampaigns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the packaged application with SIGKILL in the middle of rendering and in the
 * middle of delivery, runs the same command again, and checks that every planned
 * communication of the full sample campaign was delivered exactly once: in the ledger, in
 * the print folder and manifest, in the email outbox and in the SMS outbox.
 */
class CampaignRestartIntegrationTests {

	private static final Path JAR = TestCampaigns.PROJECT.resolve("target/tidings.jar");

	private static final String AS_OF = "2026-09-30";

	@TempDir
	static Path project;

	@BeforeAll
	static void copyProject() throws IOException {
		for (String folder : new String[] { "jobs", "samples", "templates" }) {
			TestFiles.copyTree(TestCampaigns.PROJECT.resolve(folder), project.resolve(folder));
		}
		// the contact policy would make what goes today depend on the day and hour the
		// test runs
		Path job = project.resolve("jobs/quarterly-statements.yml");
		String text = Files.readString(job);
		// statements on paper only: this test counts every statement among the printed
		// files
		Files.writeString(job,
				text.substring(0, text.indexOf("\npolicy:") + 1).replaceAll("\n  email-statement: [^\n]*", ""));
	}

	@Test
	void shouldDeliverEverythingExactlyOnceAfterAKillDuringRendering() throws Exception {
		// given a run killed once a few dozen documents are rendered
		Path home = project.resolve("home-render");
		Process first = start(home, Map.of(), "first");
		long archivedAtKill = waitUntil(() -> count(home.resolve("archive"), ".pdf"), 40, first);
		kill(first);
		assertThat(count(home.resolve("out"), ".pdf")).as("killed before delivery started").isZero();
		// when the same command runs again
		Process second = start(home, Map.of(), "second");
		// then
		assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(second.exitValue()).as(log(home, "second")).isZero();
		assertThat(log(home, "second")).contains("completed (resumed after a stop)");
		assertThat(archivedAtKill).isLessThan(300);
		assertExactlyOnce(home);
	}

	@Test
	void shouldDeliverEverythingExactlyOnceAfterAKillDuringDelivery() throws Exception {
		// given a run delivering at 40 a second, killed once some emails and SMS are out
		Path home = project.resolve("home-deliver");
		Process first = start(home, Map.of("TIDINGS_RUN_MAXDELIVERIESPERSECOND", "40"), "first");
		waitUntil(() -> count(outFolder(home), ".pdf") + count(outFolder(home), ".eml"), 120, first);
		kill(first);
		long deliveredAtKill = count(outFolder(home), ".pdf") + count(outFolder(home), ".eml");
		// when
		Process second = start(home, Map.of(), "second");
		// then
		assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(second.exitValue()).as(log(home, "second")).isZero();
		assertExactlyOnce(home);
		assertThat(deliveredAtKill).as("killed in the middle of delivery")
			.isLessThan(count(outFolder(home), ".pdf") + count(outFolder(home), ".eml"));
	}

	private static void assertExactlyOnce(Path home) throws Exception {
		Path out = outFolder(home);
		try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + home.resolve("db/tidings"), "sa", "")) {
			Map<String, Set<String>> idsByState = new HashMap<>();
			Map<String, Integer> kindsPerCustomer = new HashMap<>();
			query(db, "SELECT communication_id, customer_id, channel, state FROM communication WHERE run_key = '"
					+ AS_OF + "'", row -> {
						idsByState
							.computeIfAbsent(row.getString("channel") + " " + row.getString("state"),
									key -> new HashSet<>())
							.add(row.getString("communication_id"));
						kindsPerCustomer.merge(row.getString("customer_id"), 1, Integer::sum);
					});
			long audience = scalar(db, "SELECT COUNT(*) FROM run_audience WHERE run_key = '" + AS_OF + "'");
			assertThat(audience).isEqualTo(234);
			assertThat(kindsPerCustomer).hasSize(234).allSatisfy((customer, kinds) -> assertThat(kinds).isEqualTo(2));
			assertThat(idsByState.keySet()).noneMatch(key -> key.endsWith("PLANNED") || key.endsWith("RENDERED"));

			Set<String> printed = idsByState.getOrDefault("PRINT PRINTED", Set.of());
			assertThat(printed).as("every statement and the printed mailers").hasSizeGreaterThan(234);
			assertThat(names(out.resolve("print"), ".pdf")).isEqualTo(printed);
			List<String> manifestLines = Files.readAllLines(out.resolve("print/manifest.csv"));
			assertThat(manifestLines).hasSize(printed.size() + 1);
			List<String> manifest = manifestLines.subList(1, manifestLines.size());
			assertThat(manifest.stream().map(line -> line.substring(0, 36)).toList()).doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(printed);
			assertThat(out.resolve("print/DONE")).exists();

			assertThat(names(out.resolve("email"), ".eml")).isEqualTo(idsByState.get("EMAIL SENT")).isNotEmpty();

			JsonMapper json = JsonMapper.builder().build();
			List<String> smsIds = new ArrayList<>();
			for (String line : Files.readAllLines(out.resolve("sms/outbox.jsonl"), StandardCharsets.UTF_8)) {
				JsonNode message = json.readTree(line);
				smsIds.add(message.get("communicationId").asString());
			}
			assertThat(smsIds).doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(idsByState.get("SMS SENT"))
				.isNotEmpty();

			try (Stream<Path> files = Files.walk(home)) {
				assertThat(files.filter(path -> path.toString().endsWith(".part"))).isEmpty();
			}
			assertStatementsCarryTheCustomersName(db, home);
		}
	}

	private static void assertStatementsCarryTheCustomersName(Connection db, Path home) throws Exception {
		List<String[]> statements = new ArrayList<>();
		query(db, """
				SELECT c.first_name, c.last_name, c.language, m.archive_path FROM communication m
				JOIN customer c ON c.customer_id = m.customer_id
				WHERE m.document_kind = 'STATEMENT' AND m.state = 'PRINTED' AND m.run_key = '%s'
				""".formatted(AS_OF), row -> {
			String first = (row.getString("first_name") != null) ? row.getString("first_name") : "";
			String last = (row.getString("last_name") != null) ? row.getString("last_name") : "";
			String name = "zh".equals(row.getString("language")) ? last + first : (first + " " + last).strip();
			statements.add(new String[] { name, row.getString("archive_path") });
		});
		assertThat(statements).hasSize(234);
		for (String[] statement : statements) {
			try (PDDocument pdf = Loader.loadPDF(home.resolve("archive").resolve(statement[1]).toFile())) {
				assertThat(new PDFTextStripper().getText(pdf)).as(statement[1]).contains(statement[0]);
			}
		}
	}

	private static Process start(Path home, Map<String, String> environment, String name) throws IOException {
		Files.createDirectories(home);
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", JAR.toString(), "run", project.resolve("jobs/quarterly-statements.yml").toString(), "--as-of",
				AS_OF, "--home", home.toString())
			.directory(project.toFile())
			.redirectErrorStream(true)
			.redirectOutput(home.resolve(name + ".log").toFile());
		builder.environment().putAll(environment);
		return builder.start();
	}

	private static long waitUntil(CheckedCount count, long atLeast, Process process) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (Instant.now().isBefore(deadline)) {
			long current = count.get();
			if (current >= atLeast) {
				return current;
			}
			if (!process.isAlive()) {
				throw new AssertionError("the run ended before it could be killed");
			}
			Thread.sleep(20);
		}
		throw new AssertionError("the run did not reach " + atLeast + " in time");
	}

	private static void kill(Process process) throws InterruptedException {
		process.destroyForcibly();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
	}

	private static Path outFolder(Path home) {
		return home.resolve("out/quarterly-statements").resolve(AS_OF);
	}

	private static long count(Path folder, String suffix) throws IOException {
		if (!Files.isDirectory(folder)) {
			return 0;
		}
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(path -> path.toString().endsWith(suffix)).count();
		}
	}

	private static Set<String> names(Path folder, String suffix) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			Set<String> names = new HashSet<>();
			files.map(path -> path.getFileName().toString())
				.filter(name -> name.endsWith(suffix))
				.forEach(name -> names.add(name.substring(0, name.length() - suffix.length())));
			return names;
		}
	}

	private static String log(Path home, String name) throws IOException {
		return Files.readString(home.resolve(name + ".log"));
	}

	private static void query(Connection db, String sql, RowHandler handler) throws SQLException {
		try (var statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				handler.handle(rows);
			}
		}
	}

	private static long scalar(Connection db, String sql) throws SQLException {
		try (var statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	@FunctionalInterface
	private interface CheckedCount {

		long get() throws IOException;

	}

	@FunctionalInterface
	private interface RowHandler {

		void handle(ResultSet row) throws SQLException;

	}

}
