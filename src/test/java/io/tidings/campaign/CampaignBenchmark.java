package io.tidings.campaign;

import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.sun.management.OperatingSystemMXBean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import io.tidings.PackagedTidings;
import io.tidings.TestCampaigns;
import io.tidings.print.ReferenceStatementRenderer;
import io.tidings.print.StatementSamples;
import io.tidings.sms.TwilioFake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole campaign end to end through the packaged application in a JVM of its own with
 * {@code -Xmx512m}: N synthetic customers ({@link SyntheticCustomers}) imported with
 * their transactions, selected, decided, rendered (print, email, SMS) and delivered into
 * local sinks: print streams on disk, emails into a GreenMail SMTP server, SMS through
 * the Twilio SDK into a WireMock fake of the Messages API, both in this JVM. Prints each
 * stage's time, rate and processor time (the child's, sampled when the stage's
 * {@code completed} line appears), the whole run's wall and processor time, the heap the
 * child used (from its GC log, and its live heap sampled every 30 s), and, in this JVM
 * after the run, the raw-PDFBox reference renderer drawing as many statements, for a
 * ratio per processor second (at most {@code -Dtidings.bench.reference-statements},
 * 100,000 by default).
 *
 * <p>
 * Run with {@code ./mvnw -B package -DskipTests && ./mvnw -B -Pbench test
 * -Dtest=CampaignBenchmark} (it runs the packaged jar); sizes with
 * {@code -Dtidings.bench.customers=2000,10000}; options for the run's JVM (a flight
 * recording, another heap) with {@code -Dtidings.bench.jvm-options="-XX:..."};
 * {@code -Dtidings.bench.dry-run=true} runs {@code tidings run --dry-run} instead
 * (import, select, decide and schedule, nothing rendered or sent), for the heap of the
 * planning stages at sizes a whole run would take hours for.
 */
@Tag("benchmark")
class CampaignBenchmark {

	private static final String AS_OF = "2026-09-30";

	private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");

	private static final Duration LIVE_HEAP_INTERVAL = Duration.ofSeconds(30);

	private static final boolean DRY_RUN = Boolean.getBoolean("tidings.bench.dry-run");

	/**
	 * The most statements the reference renderer draws after a run: its rate is steady
	 * long before a million.
	 */
	private static final int REFERENCE_STATEMENTS = Integer.getInteger("tidings.bench.reference-statements", 100_000);

	private static final List<String> JVM_OPTIONS = Arrays
		.stream(System.getProperty("tidings.bench.jvm-options", "").split("\\s+"))
		.filter(option -> !option.isBlank())
		.toList();

	private static final Pattern COMPLETED = Pattern
		.compile("progress - (\\w+) completed: [\\d,]+ read, ([\\d,]+) written, .* in ([\\d.]+) s");

	/**
	 * {@code -Xlog:gc}: {@code Pause Young (Allocation Failure) 120M->40M(512M)} (the
	 * parallel collector), {@code Pause Young (Normal) (G1 Evacuation Pause) ...} (G1).
	 */
	private static final Pattern COLLECTION = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");

	private static final String STAGE_HEADER = """
			| stage (up to its completed line) | items | stage's own time | items/s | wall since the previous line \
			| child CPU since the previous line | this JVM's CPU meanwhile (the sinks) | most live heap sampled |
			|---|---|---|---|---|---|---|---|""";

	private static final OperatingSystemMXBean SYSTEM = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	@TempDir
	Path project;

	@Test
	void shouldRunAWholeCampaignThroughEveryChannel() throws Exception {
		// GreenMail logs the recipients' addresses
		((Logger) LoggerFactory.getLogger("com.icegreen.greenmail")).setLevel(Level.WARN);
		Path sampleJob = TestFiles.sampleCampaignWithoutPolicy(this.project);
		GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort().disableRequestJournal());
		smtp.start();
		// every email into one mailbox, as a relay's queue takes them: GreenMail's own
		// mailbox for each recipient answers the end of each message more slowly the more
		// recipients it has seen (36 ms a message after 14,000, 90 ms after 260,000),
		// which
		// made the benchmark measure its mail server rather than the run
		GreenMailUser relay = smtp.setUser("relay@bench.tidings.test", "relay", "relay");
		smtp.getUserManager().setMessageDeliveryHandler((message, recipient) -> relay);
		twilio.start();
		// the benchmark's heap is 512 MiB too: received emails are dropped as they come
		ScheduledExecutorService purge = Executors.newSingleThreadScheduledExecutor();
		purge.scheduleWithFixedDelay(() -> {
			try {
				smtp.purgeEmailFromAllMailboxes();
			}
			catch (FolderException ex) {
				throw new IllegalStateException(ex);
			}
		}, 1, 1, TimeUnit.SECONDS);
		List<String> summary = new ArrayList<>();
		try {
			twilio.stubFor(post(urlPathEqualTo(TwilioFake.MESSAGES))
				.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
						{"account_sid": "%s", "sid": "%s", "status": "queued"}
						""".formatted(TwilioFake.ACCOUNT_SID, TwilioFake.sid("SM", 1)))));
			Map<String, String> sinks = Map.of("SPRING_MAIL_HOST", "localhost", "SPRING_MAIL_PORT",
					String.valueOf(smtp.getSmtp().getPort()), "TIDINGS_SMS_ACCOUNTSID", TwilioFake.ACCOUNT_SID,
					"TIDINGS_SMS_AUTHTOKEN", TwilioFake.AUTH_TOKEN, "TIDINGS_SMS_FROM", TwilioFake.FROM,
					"TIDINGS_SMS_BASEURL", "http://localhost:" + twilio.port());
			for (String size : System.getProperty("tidings.bench.customers", "2000,10000").split(",")) {
				int customers = Integer.parseInt(size.strip());
				summary.add(run(sampleJob, customers, sinks));
			}
		}
		finally {
			purge.shutdownNow();
			twilio.stop();
			smtp.stop();
		}
		System.out.println();
		if (DRY_RUN) {
			System.out.println("| customers | wall | child CPU | peak heap used | max heap after GC"
					+ " | max heap after a mixed or full GC | most live heap sampled |");
			System.out.println("|---|---|---|---|---|---|---|");
		}
		else {
			System.out
				.println("| customers | documents (print / email / SMS) | statements | wall | child CPU | documents/s"
						+ " | statements/s | documents/CPU-s | render stage documents/CPU-s | reference statements/CPU-s"
						+ " | Tidings/reference per CPU-s | peak heap used | max heap after GC | max heap after a mixed or full GC"
						+ " | most live heap sampled |");
			System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
		}
		summary.forEach(System.out::println);
	}

	private String run(Path sampleJob, int customers, Map<String, String> sinks) throws Exception {
		Path home = this.project.resolve("home-" + customers);
		Path input = SyntheticCustomers.write(customers, this.project.resolve("data-" + customers));
		Path job = sampleJob.resolveSibling("bench-" + customers + ".yml");
		Files.writeString(job,
				Files.readString(sampleJob)
					.replace("../samples/customers.csv", input.toString())
					.replace("../samples/transactions.csv", input.resolveSibling("transactions.csv").toString()));
		Files.createDirectories(home);
		Path log = home.resolve("run.log");
		Path gc = home.resolve("gc.log");
		List<String> jvmOptions = new ArrayList<>(List.of("-Xmx512m", "-Xlog:gc:file=" + gc));
		jvmOptions.addAll(JVM_OPTIONS);
		List<String> command = new ArrayList<>(
				PackagedTidings.command(home, jvmOptions, "run", job.toString(), "--as-of", AS_OF));
		if (DRY_RUN) {
			command.add("--dry-run");
		}
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.project.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(sinks);
		long start = System.nanoTime();
		Process process = builder.start();
		LiveHeap live = new LiveHeap(process);
		List<Stage> stages = new ArrayList<>();
		Duration cpu = Duration.ZERO;
		Duration stageStart = Duration.ZERO;
		long stageStartNanos = start;
		long sinksStart = SYSTEM.getProcessCpuTime();
		long sinksStageStart = sinksStart;
		try (BufferedReader lines = Files.newBufferedReader(log)) {
			while (true) {
				boolean alive = process.isAlive();
				// the processor time of a process can be read while it runs, not after
				cpu = process.toHandle().info().totalCpuDuration().orElse(cpu);
				String line;
				while ((line = lines.readLine()) != null) {
					Matcher matcher = COMPLETED.matcher(line);
					if (matcher.find()) {
						long now = System.nanoTime();
						long sinksNow = SYSTEM.getProcessCpuTime();
						stages.add(new Stage(matcher.group(1), Long.parseLong(matcher.group(2).replace(",", "")),
								Double.parseDouble(matcher.group(3)), (now - stageStartNanos) / 1e9,
								cpu.minus(stageStart), Duration.ofNanos(sinksNow - sinksStageStart),
								live.stageEnded()));
						stageStart = cpu;
						stageStartNanos = now;
						sinksStageStart = sinksNow;
					}
				}
				if (!alive) {
					break;
				}
				live.sampleWhenDue();
				Thread.sleep(100);
			}
		}
		double wall = (System.nanoTime() - start) / 1e9;
		assertThat(process.exitValue()).as(Files.readString(log)).isZero();
		long sinksEnd = SYSTEM.getProcessCpuTime();
		stages.add(new Stage(DRY_RUN ? "report, proofs, exit" : "print streams, completion, exit", 0, 0,
				(System.nanoTime() - stageStartNanos) / 1e9, cpu.minus(stageStart),
				Duration.ofNanos(sinksEnd - sinksStageStart), live.stageEnded()));
		Duration sinksCpu = Duration.ofNanos(sinksEnd - sinksStart);
		if (DRY_RUN) {
			return dryRunRow(customers, home, log, gc, stages, wall, cpu, live);
		}
		Map<String, Long> documents = documents(home);
		long total = documents.getOrDefault("PRINT", 0L) + documents.getOrDefault("EMAIL", 0L)
				+ documents.getOrDefault("SMS", 0L);
		// kept for a look after the run: the temporary folder goes
		Path kept = Files.createDirectories(TestCampaigns.PROJECT.resolve("target/campaign-benchmark"));
		Files.copy(log, kept.resolve(customers + "-run.log"), StandardCopyOption.REPLACE_EXISTING);
		Files.copy(gc, kept.resolve(customers + "-gc.log"), StandardCopyOption.REPLACE_EXISTING);
		long[] heap = heap(gc);
		Stage render = stages.stream().filter(stage -> stage.name().startsWith("render")).findFirst().orElseThrow();
		// the run's own figures first: the reference drawing after them takes a while
		System.out.printf(Locale.ROOT,
				"%n%,d customers: documents sent or printed %s, wall %.0f s, child CPU %.0f s,"
						+ " this JVM's CPU (mail and SMS sinks) %.0f s%n",
				customers, documents, wall, cpu.toMillis() / 1000.0, sinksCpu.toMillis() / 1000.0);
		System.out.println(STAGE_HEADER);
		stages.forEach(stage -> System.out.println(stage.row()));
		System.out.flush();
		double reference = referenceStatementsPerCpuSecond(Math.min(customers, REFERENCE_STATEMENTS));
		double cpuSeconds = cpu.toMillis() / 1000.0;
		String row = String.format(Locale.ROOT,
				"| %,d | %,d (%,d / %,d / %,d) | %,d | %.0f s | %.0f s | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f | %d MiB | %d MiB | %d MiB | %d MiB |",
				customers, total, documents.getOrDefault("PRINT", 0L), documents.getOrDefault("EMAIL", 0L),
				documents.getOrDefault("SMS", 0L), documents.getOrDefault("STATEMENT", 0L), wall, cpuSeconds,
				total / wall, documents.getOrDefault("STATEMENT", 0L) / wall, total / cpuSeconds,
				render.items() / (render.cpu().toMillis() / 1000.0), reference,
				render.items() / (render.cpu().toMillis() / 1000.0) / reference, heap[0], heap[1], heap[2],
				live.most());
		System.out.println(row);
		return row;
	}

	/**
	 * A dry run's stages (import, select, decide, schedule: no document rendered or sent)
	 * and heap.
	 */
	private static String dryRunRow(int customers, Path home, Path log, Path gc, List<Stage> stages, double wall,
			Duration cpu, LiveHeap live) throws Exception {
		Path kept = Files.createDirectories(TestCampaigns.PROJECT.resolve("target/campaign-benchmark"));
		Files.copy(log, kept.resolve(customers + "-dry-run.log"), StandardCopyOption.REPLACE_EXISTING);
		Files.copy(gc, kept.resolve(customers + "-dry-gc.log"), StandardCopyOption.REPLACE_EXISTING);
		long[] heap = heap(gc);
		System.out.printf(Locale.ROOT, "%n%,d customers, dry run%n", customers);
		System.out.println(STAGE_HEADER);
		stages.forEach(stage -> System.out.println(stage.row()));
		String row = String.format(Locale.ROOT,
				"| %,d (dry run) | %.0f s | %.0f s | %d MiB | %d MiB | %d MiB | %d MiB |", customers, wall,
				cpu.toMillis() / 1000.0, heap[0], heap[1], heap[2], live.most());
		System.out.println(row);
		return row;
	}

	/** Documents sent or printed per channel, and statements among them. */
	private static Map<String, Long> documents(Path home) throws Exception {
		Map<String, Long> documents = new TreeMap<>();
		try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + home.resolve("db/tidings"), "sa", "");
				var statement = db.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT channel, document_kind, COUNT(*) FROM communication" + " WHERE run_key = '"
							+ AS_OF + "' AND state IN ('SENT', 'PRINTED') GROUP BY channel, document_kind")) {
			while (rows.next()) {
				documents.merge(rows.getString(1), rows.getLong(3), Long::sum);
				if ("STATEMENT".equals(rows.getString(2))) {
					documents.merge("STATEMENT", rows.getLong(3), Long::sum);
				}
			}
		}
		return documents;
	}

	/**
	 * Most heap in use before a collection, most left after one, and most left after a
	 * mixed or full collection (which clean the old generation: the closest to the live
	 * data), in MiB.
	 */
	private static long[] heap(Path gcLog) throws Exception {
		long[] heap = new long[3];
		for (String line : Files.readAllLines(gcLog)) {
			Matcher matcher = COLLECTION.matcher(line);
			if (matcher.find()) {
				heap[0] = Math.max(heap[0], Long.parseLong(matcher.group(1)));
				heap[1] = Math.max(heap[1], Long.parseLong(matcher.group(2)));
				if (line.contains("Pause Young (Mixed)") || line.contains("Pause Full")) {
					heap[2] = Math.max(heap[2], Long.parseLong(matcher.group(2)));
				}
			}
		}
		return heap;
	}

	/**
	 * The raw-PDFBox reference drawing that many statements on every processor of this
	 * JVM, per second of this process's processor time.
	 */
	private static double referenceStatementsPerCpuSecond(int statements) throws Exception {
		int threads = Runtime.getRuntime().availableProcessors();
		ThreadLocal<ReferenceStatementRenderer> renderer = ThreadLocal
			.withInitial(() -> new ReferenceStatementRenderer(StatementSamples.TEMPLATES));
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		long cpu = SYSTEM.getProcessCpuTime();
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int thread = 0; thread < threads; thread++) {
				int first = thread;
				done.add(pool.submit(() -> {
					for (int index = first; index < statements; index += threads) {
						renderer.get().render(StatementSamples.statement(index, 10));
					}
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			pool.shutdown();
		}
		return statements / ((SYSTEM.getProcessCpuTime() - cpu) / 1e9);
	}

	/**
	 * @param name the stage
	 * @param items items written, as its line says
	 * @param seconds the stage's time, as its line says
	 * @param wall time since the previous stage's line (or the start)
	 * @param cpu the child's processor time since the previous stage's line
	 * @param sinks this JVM's processor time meanwhile: the mail and SMS sinks, which
	 * share the machine's processors with the run
	 * @param liveMiB the most live heap sampled since the previous stage's line; 0 when
	 * none was sampled
	 */
	private record Stage(String name, long items, double seconds, double wall, Duration cpu, Duration sinks,
			long liveMiB) {

		String row() {
			double cpuSeconds = this.cpu.toMillis() / 1000.0;
			return String.format(Locale.ROOT, "| %s | %,d | %.1f s | %.1f | %.1f s | %.1f s | %.1f s | %s |", this.name,
					this.items, this.seconds, this.items / Math.max(0.001, this.seconds), this.wall, cpuSeconds,
					this.sinks.toMillis() / 1000.0, (this.liveMiB > 0) ? this.liveMiB + " MiB" : "–");
		}

	}

	/**
	 * The live heap of the run's JVM, sampled every 30 s with a class histogram, which
	 * collects the whole heap first: what the run holds, unlike the heap G1 leaves after
	 * its collections, which grows with the heap it is given.
	 */
	private static final class LiveHeap {

		private final Process process;

		private long nextSampleAt = System.nanoTime() + LIVE_HEAP_INTERVAL.toNanos();

		private long stageMost;

		private long most;

		LiveHeap(Process process) {
			this.process = process;
		}

		void sampleWhenDue() throws Exception {
			if (System.nanoTime() < this.nextSampleAt) {
				return;
			}
			Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
					String.valueOf(this.process.pid()), "GC.class_histogram")
				.redirectErrorStream(true)
				.start();
			String histogram = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			jcmd.waitFor();
			Matcher total = HISTOGRAM_TOTAL.matcher(histogram);
			if (total.find()) {
				long mib = Long.parseLong(total.group(1)) >> 20;
				this.stageMost = Math.max(this.stageMost, mib);
				this.most = Math.max(this.most, mib);
			}
			this.nextSampleAt = System.nanoTime() + LIVE_HEAP_INTERVAL.toNanos();
		}

		/** The most sampled since the previous stage ended. */
		long stageEnded() {
			long stage = this.stageMost;
			this.stageMost = 0;
			return stage;
		}

		long most() {
			return this.most;
		}

	}

}
