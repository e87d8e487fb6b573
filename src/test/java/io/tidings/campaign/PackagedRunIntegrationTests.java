package io.tidings.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;

import static io.tidings.campaign.PackagedRuns.kill;
import static io.tidings.campaign.PackagedRuns.log;
import static io.tidings.campaign.PackagedRuns.waitUntil;
import static io.tidings.campaign.SampleCampaignOutputs.assertExactlyOnce;
import static io.tidings.campaign.SampleCampaignOutputs.database;
import static io.tidings.campaign.SampleCampaignOutputs.outFolder;
import static io.tidings.campaign.SampleCampaignOutputs.scalar;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample campaign as users run it: the packaged jar, the job file as shipped (contact
 * policy, paperless statements by email) and a clock the test sets for each process
 * ({@code tidings.clock.start}). Runs are killed with SIGKILL at moments drawn at random
 * while documents are rendered and while they are delivered (the seed is in every failure
 * message), a Saturday run is deferred and delivered by the pass on the next working day,
 * and each scenario ends with every communication delivered exactly once.
 */
class PackagedRunIntegrationTests {

	/**
	 * A Wednesday morning when every customer of the sample is inside the send windows.
	 */
	private static final String WEDNESDAY = "2026-12-09";

	private static final Instant WEDNESDAY_MORNING = Instant.parse(WEDNESDAY + "T09:30:00Z");

	private static final String SATURDAY = "2026-12-05";

	private static final Pattern NEXT_DUE = Pattern.compile("next due at (\\S+)");

	private static final Pattern DUE_NOW = Pattern.compile("waiting: [\\d,]+ communications, ([\\d,]+) due now");

	/** Random, or {@code -Dtidings.test.seed} to replay a failure. */
	private static final long SEED = Long.getLong("tidings.test.seed", new Random().nextLong());

	/** Kept when a test fails: its homes' databases and logs say what happened. */
	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	static Path project;

	private final Random random = new Random(SEED);

	@BeforeAll
	static void copyProject() throws IOException {
		for (String folder : new String[] { "jobs", "samples", "templates" }) {
			TestFiles.copyTree(TestCampaigns.PROJECT.resolve(folder), project.resolve(folder));
		}
	}

	@Test
	void shouldDeliverEverythingExactlyOnceAfterKillsAtRandomMomentsOfRenderingAndDelivery() throws Exception {
		// given
		PackagedRuns runs = new PackagedRuns(project, WEDNESDAY);
		Path home = project.resolve("home-random");
		Instant clock = WEDNESDAY_MORNING;
		// when killed twice while rendering and twice while delivering, at random counts
		long rendered = 0;
		for (int kill = 1; kill <= 2; kill++) {
			long target = rendered + 1 + this.random.nextInt(150);
			rendered = killWhen(runs, home, clock, "render kill " + kill, () -> archived(home), target);
			clock = clock.plusSeconds(60);
		}
		long delivered = 0;
		for (int kill = 1; kill <= 2; kill++) {
			long target = delivered + 1 + this.random.nextInt(50);
			delivered = killWhen(runs, home, clock, "deliver kill " + kill, () -> delivered(home, WEDNESDAY), target);
			clock = clock.plusSeconds(60);
		}
		// and run again to the end
		String last = runs.runToTheEnd(sampleJob(), home, clockAt(clock), "last");
		// then
		assertThat(last).as(seed()).contains("completed (resumed after a stop)");
		assertThat(log(home, "last")).as("the database checked after the last kill")
			.contains("The database was not closed (the last process stopped)");
		assertThat(home.resolve("db/tidings.in-use")).as("closed by the last run").doesNotExist();
		deliverWhatWaits(runs, home, last, clock);
		assertThat(delivered).as(seed() + ": killed in the middle of delivery").isLessThan(delivered(home, WEDNESDAY));
		try {
			assertExactlyOnce(home, WEDNESDAY);
		}
		catch (AssertionError ex) {
			throw new AssertionError(seed() + ": " + ex.getMessage() + "\nThe last run:\n" + last, ex);
		}
	}

	@Test
	void shouldDeferASaturdayRunAndDeliverItInTheDeliveryPassOfTheNextWorkingDay() throws Exception {
		// given a run on a Saturday
		PackagedRuns runs = new PackagedRuns(project, SATURDAY);
		Path home = project.resolve("home-saturday");
		String saturday = runs.runToTheEnd(sampleJob(), home, clockAt(Instant.parse(SATURDAY + "T10:00:00Z")),
				"saturday");
		// then nothing goes on the day
		assertThat(saturday).contains("completed.", "deferred from the run's first day (why)", "weekday",
				"Run the same command again on or after that moment to deliver them.");
		assertThat(delivered(home, SATURDAY)).isZero();
		assertThat(outFolder(home, SATURDAY).resolve("print/DONE")).doesNotExist();
		try (var db = database(home)) {
			assertThat(scalar(db, "SELECT COUNT(*) FROM communication WHERE state IN ('SENT', 'PRINTED')")).isZero();
		}
		// when the same command runs on Monday morning, is killed while it delivers and
		// runs again
		Instant monday = Instant.parse("2026-12-07T09:30:00Z");
		long target = 1 + this.random.nextInt(60);
		long deliveredAtKill = killWhen(runs, home, monday, "monday killed", () -> delivered(home, SATURDAY), target);
		String resumed = runs.runToTheEnd(sampleJob(), home, clockAt(monday.plusSeconds(60)), "monday");
		// then what became due is delivered, exactly once
		assertThat(resumed).as(seed()).contains("delivered what became due");
		deliverWhatWaits(runs, home, resumed, monday.plusSeconds(60));
		assertThat(deliveredAtKill).as(seed()).isLessThan(delivered(home, SATURDAY));
		assertExactlyOnce(home, SATURDAY);
	}

	/**
	 * Starts the run and kills it once the count reaches the target.
	 * @return the count at the kill
	 */
	private static long killWhen(PackagedRuns runs, Path home, Instant clock, String name,
			PackagedRuns.CheckedCount count, long target) throws Exception {
		Process process = runs.start(sampleJob(), home, clockAt(clock), name);
		long reached;
		try {
			reached = waitUntil(count, target, process);
		}
		catch (AssertionError ex) {
			process.destroyForcibly();
			throw new AssertionError(seed() + ": " + name + ": " + ex.getMessage() + "\n" + log(home, name), ex);
		}
		kill(process);
		assertThat(home.resolve("db/tidings.in-use")).as("the killed process's database marked as open").exists();
		return reached;
	}

	/**
	 * Runs the delivery passes the run reports as waiting, each at the moment they are
	 * due, until nothing waits.
	 */
	private static void deliverWhatWaits(PackagedRuns runs, Path home, String printed, Instant after) throws Exception {
		String report = printed;
		Instant clock = after;
		for (int pass = 1; pass <= 5; pass++) {
			Matcher next = NEXT_DUE.matcher(report);
			Matcher dueNow = DUE_NOW.matcher(report);
			if (!next.find()) {
				return;
			}
			Instant due = Instant.parse(next.group(1));
			boolean anyDueNow = dueNow.find() && !dueNow.group(1).equals("0");
			clock = anyDueNow ? clock.plusSeconds(60) : max(due, clock).plus(Duration.ofMinutes(1));
			report = runs.runToTheEnd(sampleJob(), home, clockAt(clock), "pass " + pass);
			assertThat(report).contains("delivered what became due");
		}
		throw new AssertionError("communications still waiting after five delivery passes:\n" + report);
	}

	/** The environment of a process whose clock starts at that moment. */
	private static Map<String, String> clockAt(Instant moment) {
		return Map.of("TIDINGS_CLOCK_START", moment.toString());
	}

	private static Instant max(Instant first, Instant second) {
		return first.isAfter(second) ? first : second;
	}

	/** Documents in the archive: every rendered print, email and SMS document. */
	private static long archived(Path home) throws IOException {
		return TestFiles.archivedDocuments(home.resolve("archive"));
	}

	/** Emails written to the outbox and SMS lines in it. */
	private static long delivered(Path home, String runKey) throws IOException {
		Path out = outFolder(home, runKey);
		long emails = TestFiles.count(out.resolve("email"), ".eml");
		Path sms = out.resolve("sms/outbox.jsonl");
		long texts = Files.exists(sms) ? Files.readAllLines(sms).stream().filter(line -> !line.isBlank()).count() : 0;
		return emails + texts;
	}

	private static Path sampleJob() {
		return project.resolve("jobs/quarterly-statements.yml");
	}

	private static String seed() {
		return "seed " + SEED;
	}

}
