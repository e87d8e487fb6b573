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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import io.tidings.PackagedTidings;
import io.tidings.TestBroker;
import io.tidings.TestCampaigns;
import io.tidings.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample campaign rendered and delivered by worker processes over an Apache Artemis
 * broker (in this JVM) with a PostgreSQL job repository and customer database (started by
 * the test), one worker killed with SIGKILL in the middle of a partition: another worker
 * runs that partition again, and the run ends with the same ledger and outputs as the
 * same run in one process, nothing lost and nothing twice.
 */
class RemotePartitioningIntegrationTests {

	private static final String AS_OF = "2026-09-30";

	/** The customer base an import left, and where each source record went. */
	private static final String CUSTOMERS = "SELECT c.customer_id || ' ' || COALESCE(c.email, '-') || ' '"
			+ " || COALESCE(c.phone, '-') || ' ' || COALESCE(CAST(c.birth_date AS VARCHAR(10)), '-') || ' '"
			+ " || s.source_id || ' ' || s.match_rule || ' ' || s.source_line"
			+ " FROM customer c JOIN customer_source s ON s.customer_id = c.customer_id ORDER BY s.source_id";

	/** Who a run selected, in which tier, group and variant, and how they rank. */
	private static final String AUDIENCE = "SELECT customer_id || ' ' || value_tier || ' ' || in_control_group || ' '"
			+ " || COALESCE(variant, '-') || ' ' || priority FROM run_audience ORDER BY customer_id";

	private static final Pattern RENDER_REQUEST = Pattern
		.compile("Partition request: step execution (\\d+) of renderDocumentsPartitionStep");

	@TempDir
	static Path project;

	private static TestBroker broker;

	private final List<Process> started = new ArrayList<>();

	@BeforeAll
	static void copyProjectAndStartBroker() throws Exception {
		for (String folder : new String[] { "jobs", "samples", "templates" }) {
			TestFiles.copyTree(TestCampaigns.PROJECT.resolve(folder), project.resolve(folder));
		}
		// what the contact policy lets go today would depend on when the test runs
		Path job = project.resolve("jobs/quarterly-statements.yml");
		String text = Files.readString(job);
		Files.writeString(job, text.substring(0, text.indexOf("\npolicy:") + 1));
		// a volume cap is shared out between the partitions by audience, so where the
		// customers who want the offer are unevenly spread a partition may reach its
		// share
		// before one process would reach the cap (PartitionedDecideFunctionalTests)
		Path offers = project.resolve("samples/offers.yml");
		Files.writeString(offers, Files.readString(offers).replace("max-volume: 40", "max-volume: 4000"));
		broker = TestBroker.start();
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void shouldRenderInTwoWorkersWhatOneProcessRendersAndRerunTheKilledWorkersPartition() throws Exception {
		// given the run in one process
		String single = TestPostgres.newDatabase("single_process");
		Path singleHome = project.resolve("home-single");
		// (imported 20 records a transaction, so that an import partition has several)
		Process reference = start(singleHome, single, Map.of("TIDINGS_IMPORT_CHUNKSIZE", "20"), "single", "run", job(),
				"--as-of", AS_OF);
		assertThat(reference.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(reference.exitValue()).as(log(singleHome, "single")).isZero();

		// when the same run goes to two workers in four partitions
		String shared = TestPostgres.newDatabase("partitioned");
		Path home = project.resolve("home-partitioned");
		Map<String, String> partitioning = Map.of("TIDINGS_PARTITIONING_BROKERURL", broker.url(),
				"TIDINGS_IMPORT_CHUNKSIZE", "20");
		Map<String, String> crashing = new HashMap<>(partitioning);
		Path reached = project.resolve("import-crash-point-reached");
		crashing.put("TIDINGS_CRASH_POINT", "import chunk 2");
		crashing.put("TIDINGS_CRASH_POINT_REACHED", reached.toString());
		Process importing = start(home, shared, crashing, "worker-0", "worker");
		waitUntil(() -> log(home, "worker-0").contains("Tidings worker: waiting for partitions"), importing, home);
		Process first = start(home, shared, partitioning, "worker-1", "worker");
		start(home, shared, partitioning, "worker-2", "worker");
		Process manager = start(home, shared, partitioning, "manager", "run", job(), "--as-of", AS_OF, "--partitions",
				"4");
		// and a worker dies in the middle of an import partition (after its second
		// transaction)
		waitUntil(() -> Files.exists(reached), importing, home);
		importing.destroyForcibly();
		assertThat(importing.waitFor(30, TimeUnit.SECONDS)).isTrue();
		// and another in the middle of a render partition
		String killedPartition = waitForRequest(home, "worker-1", first, manager);
		long archived = TestFiles.archivedDocuments(home.resolve("archive"));
		waitUntil(() -> TestFiles.archivedDocuments(home.resolve("archive")) >= archived + 20, first, home);
		first.destroyForcibly();
		assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
		// and a third worker joins, so that two deliver side by side into one SMS outbox
		start(home, shared, partitioning, "worker-3", "worker");

		// then
		assertThat(manager.waitFor(5, TimeUnit.MINUTES)).as(log(home, "manager")).isTrue();
		assertThat(manager.exitValue()).as(log(home, "manager")).isZero();
		assertThat(log(home, "manager")).contains("Run quarterly-statements/" + AS_OF + " completed.");
		assertThat(log(home, "worker-2")).as("the partition of the killed worker went to the other one")
			.contains("Partition request: step execution " + killedPartition + " ");
		try (Connection db = DriverManager.getConnection(shared);
				Connection singleDb = DriverManager.getConnection(single)) {
			assertThat(strings(db,
					"SELECT status FROM batch_step_execution WHERE step_name LIKE 'matchCustomersPartitionStep:partition%'"))
				.as("customers matched and merged by the workers, the killed worker's partition done by another")
				.hasSize(4)
				.containsOnly("COMPLETED");
			assertThat(strings(db, CUSTOMERS)).as("the same customers, merged alike")
				.hasSizeGreaterThan(200)
				.isEqualTo(strings(singleDb, CUSTOMERS));
			assertThat(strings(db,
					"SELECT CAST(SUM(write_count) AS VARCHAR(20)) FROM batch_step_execution"
							+ " WHERE step_name LIKE 'matchCustomersPartitionStep:partition%'"))
				.as("every valid record merged by a worker")
				.containsExactlyElementsOf(strings(singleDb, "SELECT CAST(write_count AS VARCHAR(20))"
						+ " FROM batch_step_execution WHERE step_name = 'customerImportStep'"));
			assertThat(strings(db,
					"SELECT status FROM batch_step_execution WHERE step_name LIKE 'selectAudiencePartitionStep:partition%'"))
				.as("selected by the workers")
				.hasSize(4)
				.containsOnly("COMPLETED");
			assertThat(strings(db, AUDIENCE)).hasSizeGreaterThan(200).isEqualTo(strings(singleDb, AUDIENCE));
			assertThat(strings(db,
					"SELECT status FROM batch_step_execution WHERE step_name LIKE 'planCommunicationsPartitionStep:partition%'"
							+ " OR step_name LIKE 'scheduleCommunicationsPartitionStep:partition%'"))
				.as("decided by the workers too")
				.hasSize(8)
				.containsOnly("COMPLETED");
			assertThat(strings(db,
					"SELECT status FROM batch_step_execution"
							+ " WHERE step_name LIKE 'renderDocumentsPartitionStep:partition%'"))
				.hasSize(4)
				.containsOnly("COMPLETED");
			assertThat(strings(db,
					"SELECT status FROM batch_step_execution"
							+ " WHERE step_name LIKE 'deliverCommunicationsPartitionStep:partition%'"))
				.as("email and SMS delivered by the workers too")
				.hasSize(4)
				.containsOnly("COMPLETED");
			assertThat(strings(db,
					"SELECT status FROM batch_step_execution"
							+ " WHERE step_name LIKE 'preparePrintPartitionStep:partition%'"))
				.as("printed documents placed in presort order by the workers too")
				.hasSize(4)
				.containsOnly("COMPLETED");
			assertThat(strings(db,
					"SELECT CAST(SUM(write_count) AS VARCHAR(20)) FROM batch_step_execution"
							+ " WHERE step_name LIKE 'preparePrintPartitionStep:partition%'"))
				.as("every printed document placed by a worker")
				.containsExactlyElementsOf(strings(db, "SELECT CAST(COUNT(*) AS VARCHAR(20)) FROM communication"
						+ " WHERE channel = 'PRINT' AND state = 'PRINTED'"));
			assertThat(strings(db,
					"SELECT status FROM batch_step_execution"
							+ " WHERE step_name IN ('openPrintJobStep', 'endPrintPreparationStep')"))
				.containsExactly("COMPLETED", "COMPLETED");
		}
		assertThat(ledger(shared)).hasSizeGreaterThan(400).isEqualTo(ledger(single));
		Path out = outFolder(home);
		Path singleOut = outFolder(singleHome);
		assertThat(manifestIds(out)).as("the same documents in the same presort order")
			.doesNotHaveDuplicates()
			.containsExactlyElementsOf(manifestIds(singleOut));
		assertThat(names(out.resolve("email"))).isEqualTo(names(singleOut.resolve("email"))).isNotEmpty();
		assertThat(smsIds(out)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(smsIds(singleOut));
		assertThat(out.resolve("print/DONE")).exists();
	}

	private static String job() {
		return project.resolve("jobs/quarterly-statements.yml").toString();
	}

	private Process start(Path home, String database, Map<String, String> environment, String name, String... command)
			throws IOException {
		Files.createDirectories(home);
		ProcessBuilder builder = new ProcessBuilder(PackagedTidings.command(home, List.of(), command))
			.directory(project.toFile())
			.redirectErrorStream(true)
			.redirectOutput(home.resolve(name + ".log").toFile());
		builder.environment().put("SPRING_DATASOURCE_URL", database);
		builder.environment().putAll(environment);
		Process process = builder.start();
		this.started.add(process);
		return process;
	}

	@AfterEach
	void stopProcesses() throws InterruptedException {
		for (Process process : this.started) {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	private static String waitForRequest(Path home, String name, Process process, Process manager) throws Exception {
		String[] id = new String[1];
		waitUntil(() -> {
			Matcher request = RENDER_REQUEST.matcher(log(home, name));
			if (request.find()) {
				id[0] = request.group(1);
			}
			if (!manager.isAlive()) {
				throw new AssertionError("the run ended before a worker started:\n" + log(home, "manager"));
			}
			return id[0] != null;
		}, process, home);
		return id[0];
	}

	private static void waitUntil(Condition condition, Process process, Path home) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
		while (Instant.now().isBefore(deadline)) {
			if (condition.holds()) {
				return;
			}
			if (!process.isAlive()) {
				throw new AssertionError("the worker ended before it could be killed:\n" + log(home, "worker-1"));
			}
			Thread.sleep(20);
		}
		throw new AssertionError("the worker did not get that far in time:\n" + log(home, "worker-1"));
	}

	/**
	 * Every communication of the run with what was decided and what became of it.
	 */
	private static List<String> ledger(String database) throws SQLException {
		try (Connection db = DriverManager.getConnection(database)) {
			return strings(db, """
					SELECT communication_id || ' ' || customer_id || ' ' || channel || ' ' || document_kind || ' '
					  || COALESCE(offer_code, '-') || ' ' || state || ' ' || COALESCE(page_count, 0)
					FROM communication WHERE run_key = '%s' ORDER BY communication_id
					""".formatted(AS_OF));
		}
	}

	private static List<String> strings(Connection db, String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (var statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}

	private static List<String> manifestIds(Path out) throws IOException {
		return Files.readAllLines(out.resolve("print/manifest.csv"))
			.stream()
			.skip(1)
			.map(line -> line.substring(0, line.indexOf(',')))
			.toList();
	}

	private static List<String> smsIds(Path out) throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		return Files.readAllLines(out.resolve("sms/outbox.jsonl"), StandardCharsets.UTF_8)
			.stream()
			.map(line -> json.readTree(line).get("communicationId").asString())
			.toList();
	}

	private static Set<String> names(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			Set<String> names = new HashSet<>();
			files.forEach(file -> names.add(file.getFileName().toString()));
			return names;
		}
	}

	private static Path outFolder(Path home) {
		return home.resolve("out/quarterly-statements").resolve(AS_OF);
	}

	private static String log(Path home, String name) throws IOException {
		Path file = home.resolve(name + ".log");
		return Files.exists(file) ? Files.readString(file) : "";
	}

	@FunctionalInterface
	private interface Condition {

		boolean holds() throws IOException;

	}

}
