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

import io.tidings.TestBroker;
import io.tidings.TestCampaigns;
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
 * and {@code -Dtidings.bench.partitions=N} (default 8) change the set-up.
 */
@Tag("benchmark")
class ScaleOutBenchmark {

	private static final Path JAR = TestCampaigns.PROJECT.resolve("target/tidings.jar");

	private static final String AS_OF = "2026-09-30";

	@TempDir
	Path project;

	@Test
	void shouldRenderWithTwoWorkersOnOneMachineNoSlowerThanOneProcess() throws Exception {
		for (String folder : new String[] { "jobs", "samples", "templates" }) {
			TestFiles.copyTree(TestCampaigns.PROJECT.resolve(folder), this.project.resolve(folder));
		}
		Path job = this.project.resolve("jobs/quarterly-statements.yml");
		String text = Files.readString(job);
		Files.writeString(job, text.substring(0, text.indexOf("\npolicy:") + 1));
		int workers = Integer.getInteger("tidings.bench.workers", 2);
		String partitions = System.getProperty("tidings.bench.partitions", "8");

		String single = TestPostgres.newDatabase("bench_single");
		run(this.project.resolve("home-single"), single, Map.of(), "run", job.toString(), "--as-of", AS_OF);
		Figures one = figures(single);

		String shared = TestPostgres.newDatabase("bench_partitioned");
		Path home = this.project.resolve("home-partitioned");
		List<Process> started = new ArrayList<>();
		try (TestBroker broker = TestBroker.start()) {
			Map<String, String> partitioning = Map.of("TIDINGS_PARTITIONING_BROKERURL", broker.url());
			for (int i = 1; i <= workers; i++) {
				started.add(start(home, shared, partitioning, "worker-" + i, "worker"));
			}
			run(home, shared, partitioning, "run", job.toString(), "--as-of", AS_OF, "--partitions", partitions);
		}
		finally {
			for (Process worker : started) {
				worker.destroy();
				worker.waitFor(30, TimeUnit.SECONDS);
			}
		}
		Figures many = figures(shared);
		assertThat(many.documents()).isEqualTo(one.documents());

		System.out.println();
		System.out.println("| set-up | documents rendered | render stage | documents/s | rest of the run |");
		System.out.println("|---|---|---|---|---|");
		System.out.println(one.row("1 process"));
		System.out.println(many.row(workers + " workers, " + partitions + " partitions"));
		System.out.printf(Locale.ROOT, "render stage, 1 process / %d workers: %.2f%n", workers,
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
		List<String> line = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
		line.addAll(List.of(command));
		line.addAll(List.of("--home", home.toString()));
		ProcessBuilder builder = new ProcessBuilder(line).directory(this.project.toFile())
			.redirectErrorStream(true)
			.redirectOutput(home.resolve(name + ".log").toFile());
		builder.environment().put("SPRING_DATASOURCE_URL", database);
		builder.environment().putAll(environment);
		return builder.start();
	}

	private static Figures figures(String database) throws SQLException {
		try (Connection db = DriverManager.getConnection(database); var statement = db.createStatement()) {
			Duration render;
			try (ResultSet rows = statement.executeQuery("SELECT start_time, end_time FROM batch_step_execution"
					+ " WHERE step_name = 'renderDocumentsStep'")) {
				rows.next();
				render = Duration.between(rows.getTimestamp(1).toInstant(), rows.getTimestamp(2).toInstant());
			}
			Duration job;
			try (ResultSet rows = statement.executeQuery("SELECT start_time, end_time FROM batch_job_execution")) {
				rows.next();
				job = Duration.between(rows.getTimestamp(1).toInstant(), rows.getTimestamp(2).toInstant());
			}
			long documents;
			try (ResultSet rows = statement
				.executeQuery("SELECT COUNT(*) FROM communication WHERE archive_path IS NOT NULL")) {
				rows.next();
				documents = rows.getLong(1);
			}
			return new Figures(documents, render, job.minus(render));
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
