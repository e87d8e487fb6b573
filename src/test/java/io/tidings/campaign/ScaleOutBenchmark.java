package io.tidings.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.PackagedTidings;
import io.tidings.TestBroker;
import io.tidings.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out on one machine: the sample campaign run in one process, then with the render
 * stage in partitions taken by worker processes (default 2) over an Artemis broker, both
 * on PostgreSQL, one after the other in the same session. Prints each run's render stage
 * (from the job repository: manager step start to end) and the rest of the run, and the
 * ratio, for the projection method of {@code docs/benchmarks.md}.
 *
 * <p>
 * Run with {@code ./mvnw -B package -DskipTests && ./mvnw -B -Pbench test
 * -Dtest=ScaleOutBenchmark} (it runs the packaged jar); {@code -Dtidings.bench.workers=N}
 * (default 2), {@code -Dtidings.bench.partitions=N} (default 4) and
 * {@code -Dtidings.bench.worker-threads=N} (render threads of each worker, default 1: two
 * workers share two processors; 0 for all processors) change the set-up.
 */
@Tag("benchmark")
class ScaleOutBenchmark {

	private static final String AS_OF = "2026-09-30";

	private static final String WARM_UP = "2026-08-31";

	@TempDir
	Path project;

	@Test
	void shouldRenderWithTwoWorkersOnOneMachineNoSlowerThanOneProcess() throws Exception {
		Path job = TestFiles.sampleCampaignWithoutPolicy(this.project);
		int workers = Integer.getInteger("tidings.bench.workers", 2);
		String partitions = System.getProperty("tidings.bench.partitions", "4");
		// processors each worker renders on (tidings.run.render-threads; 0 for all of
		// them)
		String workerThreads = System.getProperty("tidings.bench.worker-threads", "1");

		String single = TestPostgres.newDatabase("bench_single");
		run(this.project.resolve("home-single"), single, Map.of(), "run", job.toString(), "--as-of", AS_OF);
		Figures one = figures(single, AS_OF);

		String shared = TestPostgres.newDatabase("bench_partitioned");
		Path home = this.project.resolve("home-partitioned");
		List<Process> started = new ArrayList<>();
		try (TestBroker broker = TestBroker.start()) {
			Map<String, String> partitioning = Map.of("TIDINGS_PARTITIONING_BROKERURL", broker.url());
			Map<String, String> worker = Map.of("TIDINGS_PARTITIONING_BROKERURL", broker.url(),
					"TIDINGS_RUN_RENDERTHREADS", workerThreads);
			for (int i = 1; i <= workers; i++) {
				started.add(start(home, shared, worker, "worker-" + i, "worker"));
			}
			// workers are long-lived: their start is not part of a run
			for (int i = 1; i <= workers; i++) {
				Path log = home.resolve("worker-" + i + ".log");
				while (!Files.readString(log).contains("waiting for partitions")) {
					assertThat(started.get(i - 1).isAlive()).as(Files.readString(log)).isTrue();
					Thread.sleep(100);
				}
			}
			// the first run finds the workers' JVMs cold (classes, JIT, fonts), the
			// second warm
			run(home, shared, partitioning, "run", job.toString(), "--as-of", WARM_UP, "--partitions", partitions);
			run(home, shared, partitioning, "run", job.toString(), "--as-of", AS_OF, "--partitions", partitions);
		}
		finally {
			for (Process worker : started) {
				worker.destroy();
				worker.waitFor(30, TimeUnit.SECONDS);
			}
		}
		Figures cold = figures(shared, WARM_UP);
		Figures many = figures(shared, AS_OF);
		assertThat(many.documents()).isEqualTo(one.documents());

		System.out.println();
		System.out.println("| set-up | documents rendered | render stage | documents/s | rest of the run |");
		System.out.println("|---|---|---|---|---|");
		System.out.println(one.row("1 process"));
		String setUp = workers + " workers (render threads " + workerThreads + "), " + partitions + " partitions";
		System.out.println(cold.row(setUp + ", first run: workers cold"));
		System.out.println(many.row(setUp + ", next run: workers warm"));
		System.out.printf(Locale.ROOT, "render stage, 1 process / %d warm workers: %.2f%n", workers,
				one.render().toMillis() / (double) many.render().toMillis());
	}

	private void run(Path home, String database, Map<String, String> environment, String... command) throws Exception {
		Process process = start(home, database, environment, "run", command);
		assertThat(process.waitFor(20, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(Files.readString(home.resolve("run.log"))).isZero();
	}

	private Process start(Path home, String database, Map<String, String> environment, String name, String... command)
			throws IOException {
		Files.createDirectories(home);
		ProcessBuilder builder = new ProcessBuilder(PackagedTidings.command(home, List.of(), command))
			.directory(this.project.toFile())
			.redirectErrorStream(true)
			.redirectOutput(home.resolve(name + ".log").toFile());
		builder.environment().put("SPRING_DATASOURCE_URL", database);
		builder.environment().putAll(environment);
		return builder.start();
	}

	private static Figures figures(String database, String runKey) throws SQLException {
		try (Connection db = DriverManager.getConnection(database)) {
			String run = """
					SELECT e.job_execution_id FROM batch_job_execution e
					JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
					WHERE p.parameter_name = 'runKey' AND p.parameter_value = '%s'
					""".formatted(runKey);
			Duration render = duration(db, "SELECT start_time, end_time FROM batch_step_execution"
					+ " WHERE step_name = 'renderDocumentsStep' AND job_execution_id IN (" + run + ")");
			Duration job = duration(db,
					"SELECT start_time, end_time FROM batch_job_execution WHERE job_execution_id IN (" + run + ")");
			try (var statement = db.createStatement();
					ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM communication"
							+ " WHERE archive_path IS NOT NULL AND run_key = '" + runKey + "'")) {
				rows.next();
				return new Figures(rows.getLong(1), render, job.minus(render));
			}
		}
	}

	private static Duration duration(Connection db, String sql) throws SQLException {
		try (var statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return Duration.between(rows.getTimestamp(1).toInstant(), rows.getTimestamp(2).toInstant());
		}
	}

	private record Figures(long documents, Duration render, Duration rest) {

		String row(String setUp) {
			return String.format(Locale.ROOT, "| %s | %d | %.1f s | %.1f | %.1f s |", setUp, this.documents,
					this.render.toMillis() / 1000.0, this.documents * 1000.0 / this.render.toMillis(),
					this.rest.toMillis() / 1000.0);
		}

	}

}
