package io.tidings.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.PackagedTidings;
import io.tidings.TestBroker;
import io.tidings.TestCampaigns;
import io.tidings.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * (default 2), {@code -Dtidings.bench.partitions=N} (default 8) and
 * {@code -Dtidings.bench.worker-threads=N} (render threads of each worker, default 1: two
 * workers share two processors; 0 for all processors) change the set-up.
 * <p>
 * {@code -Dtest=ScaleOutBenchmark#wholeRunOnOneCoreAgainstTwo} measures the whole run
 * (import to {@code DONE}) of {@code -Dtidings.bench.customers=N} synthetic customers
 * (default 5,000) with processes pinned by {@code taskset}: the manager and one worker on
 * processor 0 ({@code -Dtidings.bench.one-processor=1}: on processor 1; the two
 * processors of the development machine are not always equally fast), against the manager
 * on processors 0 and 1 and two workers, one on each. The database and the broker (this
 * JVM) are pinned with the manager, so that each set-up is the whole system on its
 * processors; {@code -Dtidings.bench.pin-services=false} leaves them on every processor
 * (then the one-processor set-up has the database on the other). The workers are warmed
 * by {@code -Dtidings.bench.warm-up-runs=R} runs (default 2, at most 3) of
 * {@code -Dtidings.bench.warm-up-customers=N} synthetic customers first (default 2,000,
 * drawn apart from the measured run's under its first ids, which its import then finds
 * changed; 0 for a run of the sample campaign, the method before 2026-12-06): a
 * {@code tidings worker} serves run after run, and the sample's few hundred documents
 * leave a worker's first partitions of the measured run two to three times slower than
 * its last while the JIT compiles, a cost each worker pays once, not each run. Two
 * workers share a warm-up run's documents, each rendering half of them: with one run of
 * 10,000 customers their first partitions of the measured run took 1.7 times their last,
 * the lone worker's 1.3 times (2026-12-06). Two runs (the default since then; one before)
 * give each of two workers as many documents as one run gives a lone worker.
 */
@Tag("benchmark")
class ScaleOutBenchmark {

	private static final String AS_OF = "2026-09-30";

	private static final String WARM_UP = "2026-08-31";

	/** The dates of the warm-up runs, the last {@link #WARM_UP}. */
	private static final List<String> WARM_UPS = List.of("2026-06-30", "2026-07-31", "2026-08-31");

	/** The measured runs of the set-ups taking turns, one a round. */
	private static final List<String> MEASURED = List.of(AS_OF, "2026-10-31", "2026-11-30");

	private static final Path TASKSET = Path.of("/usr/bin/taskset");

	@TempDir
	Path project;

	@Test
	void shouldRenderWithTwoWorkersOnOneMachineNoSlowerThanOneProcess() throws Exception {
		Path job = TestFiles.sampleCampaignWithoutPolicy(this.project);
		int workers = Integer.getInteger("tidings.bench.workers", 2);
		String partitions = System.getProperty("tidings.bench.partitions", "8");
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

	@Test
	void wholeRunOnOneCoreAgainstTwo() throws Exception {
		Jobs jobs = pinnedJobs();
		String alone = System.getProperty("tidings.bench.one-processor", "0");
		if (!alone.equals("0") && !alone.equals("1")) {
			throw new IllegalArgumentException("tidings.bench.one-processor must be 0 or 1, not " + alone);
		}
		Pinned one = pinnedRun("one", jobs, alone, List.of(alone));
		Pinned two = pinnedRun("two", jobs, "0,1", List.of("0", "1"));
		assertThat(two.figures().documents()).isEqualTo(one.figures().documents());

		System.out.println();
		System.out.println(jobs.description());
		System.out.println(
				"| set-up | documents rendered | whole run | render stage | deliver (email, SMS) | decide (plan, schedule) | rest | stolen by the hypervisor |");
		System.out.println("|---|---|---|---|---|---|---|---|");
		System.out.println(one.row("manager + 1 worker, all on processor " + alone));
		System.out.println(two.row("manager on 0-1, 2 workers on processors 0 and 1"));
		double measured = one.whole().toMillis() / (double) two.whole().toMillis();
		System.out.printf(Locale.ROOT, "whole run, one processor / two: %.2f%n", measured);
		// what the two processors could do at most against the one, as fast as each was
		// around its set-up's measured run
		double capacity = two.speed() / one.speed();
		System.out.printf(Locale.ROOT,
				"processor speed (MB/s of SHA-256 on each processor, before and after the measured run): %s; %s%n",
				one.speeds(), two.speeds());
		System.out.printf(Locale.ROOT,
				"the two processors' speed against the one's: %.2f; whole run against that: %.0f %%%n", capacity,
				100 * measured / capacity);
	}

	/**
	 * The two set-ups of {@link #wholeRunOnOneCoreAgainstTwo()} side by side, their
	 * measured runs taking turns ({@code -Dtidings.bench.rounds}, default 3: one, two;
	 * two, one; one, two), so that both see the machine as it is at about the same time:
	 * on a shared virtual machine a processor can be a third slower ten minutes later.
	 * Prints each round's figures and the ratio of the sums.
	 */
	@Test
	void wholeRunsTakingTurnsOnOneCoreAndTwo() throws Exception {
		int rounds = Integer.getInteger("tidings.bench.rounds", 3);
		if (rounds < 1 || rounds > MEASURED.size()) {
			throw new IllegalArgumentException("tidings.bench.rounds must be 1 to " + MEASURED.size());
		}
		Jobs jobs = pinnedJobs();
		List<Pinned> ones = new ArrayList<>();
		List<Pinned> twos = new ArrayList<>();
		try (SetUp one = new SetUp("one", "0", List.of("0")); SetUp two = new SetUp("two", "0,1", List.of("0", "1"))) {
			one.warmUp(jobs);
			two.warmUp(jobs);
			for (int round = 0; round < rounds; round++) {
				String asOf = MEASURED.get(round);
				boolean oneFirst = round % 2 == 0;
				Pinned first = (oneFirst ? one : two).measure(jobs, asOf);
				Pinned second = (oneFirst ? two : one).measure(jobs, asOf);
				ones.add(oneFirst ? first : second);
				twos.add(oneFirst ? second : first);
			}
		}
		System.out.println();
		System.out.println(jobs.description() + ", " + rounds + " rounds");
		System.out.println(
				"| round | set-up | documents rendered | whole run | render stage | deliver (email, SMS) | decide (plan, schedule) | rest | stolen by the hypervisor | processor speed (MB/s) |");
		System.out.println("|---|---|---|---|---|---|---|---|---|---|");
		Duration oneTotal = Duration.ZERO;
		Duration twoTotal = Duration.ZERO;
		for (int round = 0; round < rounds; round++) {
			Pinned one = ones.get(round);
			Pinned two = twos.get(round);
			assertThat(two.figures().documents()).isEqualTo(one.figures().documents());
			System.out.println("| " + (round + 1) + " " + one.row("manager + 1 worker on processor 0") + " "
					+ one.speeds() + " |");
			System.out.println("| " + (round + 1) + " " + two.row("manager on 0-1, 2 workers on processors 0 and 1")
					+ " " + two.speeds() + " |");
			System.out.printf(Locale.ROOT, "round %d: one / two %.2f; the processors' speeds allowed %.2f%n", round + 1,
					one.whole().toMillis() / (double) two.whole().toMillis(), two.speed() / one.speed());
			oneTotal = oneTotal.plus(one.whole());
			twoTotal = twoTotal.plus(two.whole());
		}
		System.out.printf(Locale.ROOT,
				"whole runs, one processor / two, over %d rounds: %.2f (%.1f s against %.1f s)%n", rounds,
				oneTotal.toMillis() / (double) twoTotal.toMillis(), oneTotal.toMillis() / 1000.0,
				twoTotal.toMillis() / 1000.0);
	}

	/**
	 * A set-up of the scale-out benchmark: its database, home, broker and workers, kept
	 * while its runs take turns with another set-up's.
	 */
	private final class SetUp implements AutoCloseable {

		private final String name;

		private final String managerProcessors;

		private final List<String> workerProcessors;

		private final String database;

		private final Path home;

		private final TestBroker broker;

		private final List<Process> workers = new ArrayList<>();

		SetUp(String name, String managerProcessors, List<String> workerProcessors) throws Exception {
			this.name = name;
			this.managerProcessors = managerProcessors;
			this.workerProcessors = workerProcessors;
			this.database = TestPostgres.newDatabase("bench_pinned_" + name);
			this.home = ScaleOutBenchmark.this.project.resolve("home-pinned-" + name);
			this.broker = TestBroker.start();
			Map<String, String> worker = Map.of("TIDINGS_PARTITIONING_BROKERURL", this.broker.url(),
					"TIDINGS_RUN_RENDERTHREADS", System.getProperty("tidings.bench.worker-threads", "1"));
			for (int i = 0; i < workerProcessors.size(); i++) {
				this.workers.add(startOn(workerProcessors.get(i), this.home, this.database, worker, "worker-" + (i + 1),
						"worker"));
			}
			for (int i = 0; i < this.workers.size(); i++) {
				Path log = this.home.resolve("worker-" + (i + 1) + ".log");
				while (!Files.exists(log) || !Files.readString(log).contains("waiting for partitions")) {
					assertThat(this.workers.get(i).isAlive()).isTrue();
					Thread.sleep(100);
				}
			}
		}

		void warmUp(Jobs jobs) throws Exception {
			pin();
			for (String asOf : WARM_UPS.subList(WARM_UPS.size() - warmUpRuns(), WARM_UPS.size())) {
				runOn(this.managerProcessors, this.home, this.database, partitioning(), "run", jobs.warmUp().toString(),
						"--as-of", asOf, "--partitions", jobs.partitions());
			}
		}

		Pinned measure(Jobs jobs, String asOf) throws Exception {
			pin();
			Map<String, Double> speeds = new LinkedHashMap<>();
			for (String processor : this.workerProcessors) {
				speeds.put(processor + " before", processorSpeed(processor));
			}
			long[] before = ProcessorTime.read();
			runOn(this.managerProcessors, this.home, this.database, partitioning(), "run", jobs.job().toString(),
					"--as-of", asOf, "--partitions", jobs.partitions());
			double stolen = ProcessorTime.stolenSince(before);
			for (String processor : this.workerProcessors) {
				speeds.put(processor + " after", processorSpeed(processor));
			}
			keepLogs(this.home, this.name + "-" + asOf);
			try (Connection db = DriverManager.getConnection(this.database)) {
				return new Pinned(figures(this.database, asOf), step(db, "deliverCommunicationsStep", asOf),
						step(db, "planCommunicationsStep", asOf).plus(step(db, "scheduleCommunicationsStep", asOf)),
						stolen, speeds);
			}
		}

		private void pin() throws Exception {
			if (Boolean.parseBoolean(System.getProperty("tidings.bench.pin-services", "true"))) {
				pinServices(this.managerProcessors);
			}
		}

		private Map<String, String> partitioning() {
			return Map.of("TIDINGS_PARTITIONING_BROKERURL", this.broker.url());
		}

		@Override
		public void close() {
			try {
				for (Process worker : this.workers) {
					worker.destroy();
					worker.waitFor(30, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.broker.close();
			}
		}

	}

	private static int warmUpRuns() {
		int runs = Integer.getInteger("tidings.bench.warm-up-runs", 2);
		if (runs < 1 || runs > WARM_UPS.size()) {
			throw new IllegalArgumentException(
					"tidings.bench.warm-up-runs must be 1 to " + WARM_UPS.size() + ", not " + runs);
		}
		return runs;
	}

	/** The sample campaign's job over synthetic customers. */
	private static Path jobOf(Path sample, String name, Path input) throws IOException {
		Path job = sample.resolveSibling(name + ".yml");
		Files.writeString(job,
				Files.readString(sample)
					.replace("../samples/customers.csv", input.toString())
					.replace("../samples/transactions.csv", input.resolveSibling("transactions.csv").toString()));
		return job;
	}

	private Pinned pinnedRun(String name, Jobs jobs, String managerProcessors, List<String> workerProcessors)
			throws Exception {
		try (SetUp setUp = new SetUp(name, managerProcessors, workerProcessors)) {
			setUp.warmUp(jobs);
			return setUp.measure(jobs, AS_OF);
		}
	}

	/**
	 * The measured job and the warm-up job of the pinned set-ups, over synthetic
	 * customers ({@code -Dtidings.bench.customers}, {@code warm-up-customers}), and the
	 * partitions a run is cut into.
	 */
	private Jobs pinnedJobs() throws IOException {
		assumeTrue(Files.isExecutable(TASKSET) && Runtime.getRuntime().availableProcessors() >= 2,
				"needs taskset and two processors");
		int customers = Integer.getInteger("tidings.bench.customers", 5000);
		int warmUpCustomers = Integer.getInteger("tidings.bench.warm-up-customers", 2000);
		Path sample = TestFiles.sampleCampaignWithoutPolicy(this.project);
		Path job = jobOf(sample, "bench-" + customers,
				SyntheticCustomers.write(customers, this.project.resolve("data")));
		Path warmUp = (warmUpCustomers > 0) ? jobOf(sample, "warm-up-" + warmUpCustomers,
				SyntheticCustomers.write(warmUpCustomers, this.project.resolve("warm-up-data"))) : sample;
		return new Jobs(job, warmUp, System.getProperty("tidings.bench.partitions", "8"), String.format(Locale.ROOT,
				"%,d customers, %s partitions, workers warm (%d runs of %s first)", customers,
				System.getProperty("tidings.bench.partitions", "8"), warmUpRuns(),
				(warmUpCustomers > 0) ? String.format(Locale.ROOT, "%,d customers", warmUpCustomers) : "the sample"));
	}

	private record Jobs(Path job, Path warmUp, String partitions, String description) {
	}

	/**
	 * How fast a processor is now: SHA-256 of 200 MiB of zeros on it alone, in MB a
	 * second. The processors of a shared virtual machine are not always equally fast, and
	 * two processors can make a run at most as much faster as their speeds add up to.
	 */
	private static double processorSpeed(String processor) throws Exception {
		long start = System.nanoTime();
		Process hashing = new ProcessBuilder(TASKSET.toString(), "-c", processor, "sh", "-c",
				"head -c 209715200 /dev/zero | sha256sum")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		assertThat(hashing.waitFor(2, TimeUnit.MINUTES)).isTrue();
		return 209.7152 / ((System.nanoTime() - start) / 1e9);
	}

	/**
	 * Keeps the logs of a set-up's processes (the measured run's manager, the workers) in
	 * {@code target/scale-out-benchmark/}, to see where its time went.
	 */
	private static void keepLogs(Path home, String setUp) throws IOException {
		Path kept = Files.createDirectories(TestCampaigns.PROJECT.resolve("target/scale-out-benchmark"));
		try (Stream<Path> files = Files.list(home)) {
			for (Path log : files.filter(file -> file.getFileName().toString().endsWith(".log")).toList()) {
				Files.copy(log, kept.resolve(setUp + "-" + log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

	/**
	 * Pins this JVM (the broker's threads and those it starts) and every PostgreSQL
	 * process (the embedded server's; backends forked later inherit the server's
	 * processors) to the given processors. Any other PostgreSQL on the machine is pinned
	 * too: run it idle.
	 */
	private static void pinServices(String processors) throws Exception {
		List<Long> pids = new ArrayList<>(List.of(ProcessHandle.current().pid()));
		ProcessHandle.allProcesses()
			.filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false))
			.forEach(process -> pids.add(process.pid()));
		for (long pid : pids) {
			Process taskset = new ProcessBuilder(TASKSET.toString(), "-a", "-p", "-c", processors, String.valueOf(pid))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			assertThat(taskset.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
	}

	private void runOn(String processors, Path home, String database, Map<String, String> environment,
			String... command) throws Exception {
		Process process = startOn(processors, home, database, environment, "run", command);
		assertThat(process.waitFor(60, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(Files.readString(home.resolve("run.log"))).isZero();
	}

	private void run(Path home, String database, Map<String, String> environment, String... command) throws Exception {
		Process process = start(home, database, environment, "run", command);
		assertThat(process.waitFor(20, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(Files.readString(home.resolve("run.log"))).isZero();
	}

	private Process start(Path home, String database, Map<String, String> environment, String name, String... command)
			throws IOException {
		return startOn(null, home, database, environment, name, command);
	}

	/**
	 * @param processors the processors the process may run on ({@code taskset -c}); all
	 * when none
	 */
	private Process startOn(@Nullable String processors, Path home, String database, Map<String, String> environment,
			String name, String... command) throws IOException {
		Files.createDirectories(home);
		List<String> line = new ArrayList<>();
		if (processors != null) {
			line.addAll(List.of(TASKSET.toString(), "-c", processors));
		}
		line.addAll(PackagedTidings.command(home, List.of(), command));
		ProcessBuilder builder = new ProcessBuilder(line).directory(this.project.toFile())
			.redirectErrorStream(true)
			.redirectOutput(home.resolve(name + ".log").toFile());
		builder.environment().put("SPRING_DATASOURCE_URL", database);
		builder.environment().putAll(environment);
		return builder.start();
	}

	private static String executionsOf(String runKey) {
		return """
				SELECT e.job_execution_id FROM batch_job_execution e
				JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
				WHERE p.parameter_name = 'runKey' AND p.parameter_value = '%s'
				""".formatted(runKey);
	}

	private static Figures figures(String database, String runKey) throws SQLException {
		try (Connection db = DriverManager.getConnection(database)) {
			String run = executionsOf(runKey);
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

	/** How long a step of the measured run took (a manager step: all its partitions). */
	private static Duration step(Connection db, String name) throws SQLException {
		return step(db, name, AS_OF);
	}

	private static Duration step(Connection db, String name, String runKey) throws SQLException {
		return duration(db, "SELECT start_time, end_time FROM batch_step_execution WHERE step_name = '" + name
				+ "' AND job_execution_id IN (" + executionsOf(runKey) + ")");
	}

	private static Duration duration(Connection db, String sql) throws SQLException {
		try (var statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return Duration.between(rows.getTimestamp(1).toInstant(), rows.getTimestamp(2).toInstant());
		}
	}

	/**
	 * @param stolen the share of the machine's processor time the hypervisor gave to
	 * others during the measured run (steal time, from {@code /proc/stat}): a run with
	 * much of it says more about the machine's neighbours than about the set-up
	 */
	private record Pinned(Figures figures, Duration deliver, Duration decide, double stolen,
			Map<String, Double> measuredSpeeds) {

		/**
		 * The set-up's processors' speeds added up, each the mean of before and after.
		 */
		double speed() {
			return this.measuredSpeeds.values().stream().mapToDouble(Double::doubleValue).sum() / 2;
		}

		String speeds() {
			StringBuilder text = new StringBuilder();
			this.measuredSpeeds.forEach((when, speed) -> text.append((text.length() > 0) ? ", " : "")
				.append(String.format(Locale.ROOT, "%s %.0f", when, speed)));
			return text.toString();
		}

		Duration whole() {
			return this.figures.render().plus(this.figures.rest());
		}

		String row(String setUp) {
			return String.format(Locale.ROOT, "| %s | %d | %.1f s | %.1f s | %.1f s | %.1f s | %.1f s | %.0f %% |",
					setUp, this.figures.documents(), whole().toMillis() / 1000.0,
					this.figures.render().toMillis() / 1000.0, this.deliver.toMillis() / 1000.0,
					this.decide.toMillis() / 1000.0,
					this.figures.rest().minus(this.deliver).minus(this.decide).toMillis() / 1000.0, 100 * this.stolen);
		}

	}

	private record Figures(long documents, Duration render, Duration rest) {

		String row(String setUp) {
			return String.format(Locale.ROOT, "| %s | %d | %.1f s | %.1f | %.1f s |", setUp, this.documents,
					this.render.toMillis() / 1000.0, this.documents * 1000.0 / this.render.toMillis(),
					this.rest.toMillis() / 1000.0);
		}

	}

	/**
	 * The machine's processor time from {@code /proc/stat}: on a shared virtual machine
	 * the hypervisor's steal time says how much of it went to other tenants.
	 */
	private static final class ProcessorTime {

		/** Total and steal time, in clock ticks; zeros where there is no /proc/stat. */
		static long[] read() throws IOException {
			Path stat = Path.of("/proc/stat");
			if (!Files.isReadable(stat)) {
				return new long[2];
			}
			String[] fields = Files.readAllLines(stat).get(0).trim().split("\\s+");
			long total = 0;
			for (int i = 1; i < fields.length && i <= 8; i++) {
				total += Long.parseLong(fields[i]);
			}
			return new long[] { total, (fields.length > 8) ? Long.parseLong(fields[8]) : 0 };
		}

		/** The share of the processor time since {@code before} that was stolen. */
		static double stolenSince(long[] before) throws IOException {
			long[] now = read();
			long total = now[0] - before[0];
			return (total > 0) ? (now[1] - before[1]) / (double) total : 0;
		}

	}

}
