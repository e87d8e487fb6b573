package io.tidings.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.h2.tools.Server;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.tidings.campaign.PackagedRuns.freePort;
import static io.tidings.campaign.PackagedRuns.kill;
import static io.tidings.campaign.PackagedRuns.log;
import static io.tidings.campaign.PackagedRuns.remoteDatabase;
import static io.tidings.campaign.PackagedRuns.remoteDatabaseUrl;
import static io.tidings.campaign.PackagedRuns.startDatabase;
import static io.tidings.campaign.PackagedRuns.waitUntil;
import static io.tidings.campaign.SampleCampaignOutputs.assertExactlyOnce;
import static io.tidings.campaign.SampleCampaignOutputs.database;
import static io.tidings.campaign.SampleCampaignOutputs.outFolder;
import static io.tidings.campaign.SampleCampaignOutputs.query;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Email and SMS delivery and the print streams of a run of the packaged jar go side by
 * side: the print streams are written while delivery waits at a
 * {@link io.tidings.CrashPoint}, and the job repository shows the two steps overlapping.
 * A run killed in one of them after the other completed resumes the killed one and does
 * not run the completed one again; every communication is delivered exactly once. The
 * test reads the run's database, served by an H2 server of its own, while the run goes
 * on.
 */
class DeliverAndPrintOverlapIntegrationTests {

	private static final String AS_OF = "2026-09-30";

	private static final String DELIVER = "deliverCommunicationsStep";

	private static final String PRINT = "printStreamsStep";

	@TempDir
	static Path project;

	private static PackagedRuns runs;

	@BeforeAll
	static void copyProject() throws IOException {
		runs = new PackagedRuns(project, AS_OF);
		PackagedRuns.copySampleProjectWithoutPolicy(project);
	}

	@Test
	void shouldWritePrintStreamsWhileEmailAndSmsAreDelivered() throws Exception {
		// given a run whose delivery waits at its start
		Path home = project.resolve("home-overlap");
		int port = freePort();
		Server server = startDatabase(port);
		try {
			Paused run = startPausedAt(home, remoteDatabase(home, port), "deliver started");
			// when the print streams are all written meanwhile, and delivery goes on
			waitForStep(home, port, PRINT, run.process());
			assertThat(TestFiles.count(outFolder(home, AS_OF).resolve("email"), ".eml"))
				.as("nothing delivered while the print streams were written")
				.isZero();
			Files.delete(run.reached());
			// then
			assertThat(run.process().waitFor(5, TimeUnit.MINUTES)).isTrue();
			assertThat(run.process().exitValue()).as(log(home, "run")).isZero();
		}
		finally {
			server.stop();
		}
		Map<String, List<StepRun>> steps = steps(home);
		StepRun deliver = steps.get(DELIVER).get(0);
		StepRun print = steps.get(PRINT).get(0);
		StepRun complete = steps.get("completeRunStep").get(0);
		assertThat(print.start()).as("print streams started before delivery ended").isBefore(deliver.end());
		assertThat(deliver.start()).as("delivery started before the print streams ended").isBefore(print.end());
		assertThat(complete.start()).as("completion after both")
			.isAfterOrEqualTo(deliver.end())
			.isAfterOrEqualTo(print.end());
		assertExactlyOnce(home, AS_OF);
	}

	@Test
	void shouldResumeDeliveryWithoutPrintingAgainAfterAKillInDeliveryOnceThePrintStreamsAreWritten() throws Exception {
		// given a run killed after its first chunk of emails and SMS, once the print
		// streams step has completed
		Path home = project.resolve("home-kill-deliver");
		int port = freePort();
		Server server = startDatabase(port);
		try {
			Paused run = startPausedAt(home, remoteDatabase(home, port), "deliver chunk 1");
			waitForStep(home, port, PRINT, run.process());
			kill(run.process());
		}
		finally {
			server.stop();
		}
		// when the same command runs again
		String second = runs.runToTheEnd(sampleJob(), home, Map.of(), "second");
		// then
		assertThat(second).contains("completed (resumed after a stop)");
		Map<String, List<StepRun>> steps = steps(home);
		assertThat(steps.get(PRINT)).extracting(StepRun::status)
			.as("print streams not run again")
			.containsExactly("COMPLETED");
		assertThat(steps.get(DELIVER)).extracting(StepRun::status).containsExactly("FAILED", "COMPLETED");
		assertThat(outFolder(home, AS_OF).resolve("print/DONE")).exists();
		assertExactlyOnce(home, AS_OF);
	}

	@Test
	void shouldResumeThePrintStreamsWithoutDeliveringAgainAfterAKillInPrintOnceDeliveryIsDone() throws Exception {
		// given a run printing streams of 20 sheets, killed once the second stream is in
		// place and before it is recorded, after delivery has completed
		Path home = project.resolve("home-kill-print");
		Map<String, String> smallStreams = Map.of("TIDINGS_PRINT_STREAMSHEETS", "20");
		int port = freePort();
		Server server = startDatabase(port);
		try {
			Map<String, String> environment = new HashMap<>(remoteDatabase(home, port));
			environment.putAll(smallStreams);
			Paused run = startPausedAt(home, environment, "print stream-0002.pdf written");
			waitForStep(home, port, DELIVER, run.process());
			kill(run.process());
		}
		finally {
			server.stop();
		}
		assertThat(outFolder(home, AS_OF).resolve("print/DONE")).as("killed before the job was complete")
			.doesNotExist();
		// when
		String second = runs.runToTheEnd(sampleJob(), home, smallStreams, "second");
		// then
		assertThat(second).contains("completed (resumed after a stop)");
		Map<String, List<StepRun>> steps = steps(home);
		assertThat(steps.get(DELIVER)).extracting(StepRun::status)
			.as("delivery not run again")
			.containsExactly("COMPLETED");
		assertThat(steps.get(PRINT)).extracting(StepRun::status).containsExactly("FAILED", "COMPLETED");
		assertExactlyOnce(home, AS_OF);
	}

	/**
	 * Starts the run and returns once it waits at the {@link io.tidings.CrashPoint}; it
	 * goes on when the file it wrote is deleted.
	 */
	private static Paused startPausedAt(Path home, Map<String, String> environment, String point) throws Exception {
		Path reached = home.resolve("crash-point-reached");
		Files.deleteIfExists(reached);
		Map<String, String> pausing = new HashMap<>(environment);
		pausing.put("TIDINGS_CRASH_POINT", point);
		pausing.put("TIDINGS_CRASH_POINT_REACHED", reached.toString());
		Process process = runs.start(sampleJob(), home, pausing, "run");
		waitUntil(() -> Files.exists(reached) ? 1 : 0, 1, process);
		return new Paused(process, reached);
	}

	/**
	 * Waits until the step has completed, reading the database of the running process.
	 */
	private static void waitForStep(Path home, int port, String step, Process process) throws Exception {
		try (Connection db = DriverManager.getConnection(remoteDatabaseUrl(home, port), "sa", "")) {
			waitUntil(() -> steps(db).getOrDefault(step, List.of())
				.stream()
				.filter(run -> run.status().equals("COMPLETED"))
				.count(), 1, process);
		}
	}

	private static Map<String, List<StepRun>> steps(Path home) throws SQLException {
		try (Connection db = database(home)) {
			return steps(db);
		}
	}

	/** The executions of each step of the run, in the order they started. */
	private static Map<String, List<StepRun>> steps(Connection db) throws SQLException {
		Map<String, List<StepRun>> steps = new HashMap<>();
		query(db, """
				SELECT step_name, status, start_time, end_time FROM batch_step_execution
				ORDER BY step_execution_id
				""",
				row -> steps.computeIfAbsent(row.getString("step_name"), name -> new ArrayList<>())
					.add(new StepRun(row.getString("status"), row.getObject("start_time", LocalDateTime.class),
							row.getObject("end_time", LocalDateTime.class))));
		return steps;
	}

	private static Path sampleJob() {
		return project.resolve("jobs/quarterly-statements.yml");
	}

	private record Paused(Process process, Path reached) {
	}

	private record StepRun(String status, LocalDateTime start, LocalDateTime end) {
	}

}
