package io.tidings.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.SimulatedClock;
import io.tidings.TestCampaigns;
import io.tidings.audit.AuditLog;
import io.tidings.campaign.CampaignDefinition;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler of {@code tidings serve} on a simulated clock: a job runs once at its
 * scheduled time, missed times give one run (run-once) or none (skip), a campaign whose
 * lock is held (a run in this or another process) is not started again, a job file edited
 * into an invalid state is marked with the reason while the others run, a disabled job
 * does not run.
 */
@SpringBootTest(properties = { "spring.main.web-application-type=servlet", "tidings.scheduler.enabled=false" })
class CampaignSchedulerFunctionalTests {

	static final SimulatedClock CLOCK = new SimulatedClock(Instant.parse("2026-10-05T05:00:00Z"));

	@TempDir
	static Path folder;

	@TestBean
	Clock clock;

	@Autowired
	CampaignScheduler scheduler;

	@Autowired
	CampaignLauncher launcher;

	@Autowired
	CampaignLocks locks;

	@Autowired
	JobCatalog catalog;

	@Autowired
	ScheduleStore store;

	@Autowired
	AuditLog audit;

	static Clock clock() {
		return CLOCK;
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
		registry.add("tidings.console.jobs", () -> folder.resolve("jobs").toString());
	}

	@BeforeEach
	void noJobs() throws IOException {
		Path jobs = folder.resolve("jobs");
		Files.createDirectories(jobs);
		try (Stream<Path> files = Files.list(jobs)) {
			for (Path file : files.filter((file) -> file.toString().endsWith(".yml")).toList()) {
				Files.delete(file);
			}
		}
	}

	@Test
	void shouldRunAJobOnceAtEachScheduledTime() throws Exception {
		// given a daily job first seen at 05:00
		job("daily.yml", "daily-statements", "");
		at("2026-10-05T05:00:00Z");
		// when
		int before = scheduled("daily-statements");
		this.scheduler.tick();
		at("2026-10-05T05:59:59Z");
		this.scheduler.tick();
		// then nothing ran before its time
		assertThat(scheduled("daily-statements")).isEqualTo(before);
		// when its time comes, and the scheduler looks again while and after it runs
		at("2026-10-05T06:00:20Z");
		this.scheduler.tick();
		this.scheduler.tick();
		waitForRuns();
		this.scheduler.tick();
		// then it ran once
		assertThat(scheduled("daily-statements")).isEqualTo(before + 1);
		assertThat(this.launcher.latest().get(0).error()).isNull();
		// and again the next day
		at("2026-10-06T06:00:05Z");
		this.scheduler.tick();
		waitForRuns();
		assertThat(scheduled("daily-statements")).isEqualTo(before + 2);
		assertThat(this.audit.latest(500)).anyMatch((entry) -> entry.user().equals(AuditLog.SCHEDULER)
				&& entry.action().equals("SCHEDULED_RUN") && "daily-statements".equals(entry.target()));
	}

	@Test
	void shouldRunOnceForAllTheTimesMissedWithRunOnce() throws Exception {
		// given
		job("catch-up.yml", "catch-up", "");
		at("2026-10-05T05:00:00Z");
		this.scheduler.tick();
		int before = scheduled("catch-up");
		// when serve was down over three scheduled times
		at("2026-10-08T09:30:00Z");
		this.scheduler.tick();
		waitForRuns();
		this.scheduler.tick();
		waitForRuns();
		// then
		assertThat(scheduled("catch-up")).isEqualTo(before + 1);
	}

	@Test
	void shouldSkipTimesMissedBeyondTheGraceWithSkip() throws Exception {
		// given
		job("skipping.yml", "skipping", "  missed: skip\n");
		at("2026-10-05T05:00:00Z");
		this.scheduler.tick();
		int before = scheduled("skipping");
		// when the last scheduled time was missed by an hour
		at("2026-10-07T07:00:00Z");
		this.scheduler.tick();
		waitForRuns();
		// then it is skipped
		assertThat(scheduled("skipping")).isEqualTo(before);
		assertThat(this.audit.latest(500))
			.anyMatch((entry) -> entry.action().equals("SCHEDULE_SKIPPED") && "skipping".equals(entry.target()));
		// and the next time on time runs
		at("2026-10-08T06:01:00Z");
		this.scheduler.tick();
		waitForRuns();
		assertThat(scheduled("skipping")).isEqualTo(before + 1);
	}

	@Test
	void shouldNotStartACampaignWhoseLockIsHeld() throws Exception {
		// given a run of the campaign holds its lock (in this or another serve process)
		job("locked.yml", "locked-campaign", "");
		at("2026-10-05T05:00:00Z");
		this.scheduler.tick();
		int before = scheduled("locked-campaign");
		Optional<CampaignLocks.Lock> held = this.locks.tryLock("locked-campaign");
		assertThat(held).isPresent();
		// when its time comes
		at("2026-10-05T06:00:01Z");
		this.scheduler.tick();
		// then it does not start, and a second taker does not get the lock either
		assertThat(scheduled("locked-campaign")).isEqualTo(before);
		assertThat(this.locks.tryLock("locked-campaign")).isEmpty();
		// when the other run ends
		held.get().close();
		at("2026-10-05T06:03:00Z");
		this.scheduler.tick();
		waitForRuns();
		// then the missed time runs (run-once), once
		assertThat(scheduled("locked-campaign")).isEqualTo(before + 1);
	}

	@Test
	void shouldMarkAJobFileEditedIntoAnInvalidStateAndRunTheOthers() throws Exception {
		// given two jobs, both seen by the scheduler
		job("good.yml", "good-campaign", "");
		Path bad = job("edited.yml", "edited-campaign", "");
		at("2026-10-05T05:00:00Z");
		this.scheduler.tick();
		int good = scheduled("good-campaign");
		int edited = scheduled("edited-campaign");
		// when one is edited into an invalid state while serving
		Files.writeString(bad,
				Files.readString(bad).replace("campaign: edited-campaign", "campaign: Edited Campaign!"));
		at("2026-10-05T06:00:30Z");
		this.scheduler.tick();
		waitForRuns();
		// then it is marked invalid with the reason and does not run; the other runs
		JobCatalog.JobFile invalid = this.catalog.find("edited.yml").orElseThrow();
		assertThat(invalid.valid()).isFalse();
		assertThat(invalid.invalidReason()).contains("edited.yml").contains("campaign").contains("lower-case");
		assertThat(scheduled("edited-campaign")).isEqualTo(edited);
		assertThat(scheduled("good-campaign")).isEqualTo(good + 1);
	}

	@Test
	void shouldNotRunADisabledJob() throws Exception {
		// given
		job("off.yml", "switched-off", "");
		at("2026-10-05T05:00:00Z");
		this.scheduler.tick();
		int before = scheduled("switched-off");
		this.store.setEnabled("off.yml", false, "ops");
		// when
		at("2026-10-05T06:00:30Z");
		this.scheduler.tick();
		waitForRuns();
		// then
		assertThat(scheduled("switched-off")).isEqualTo(before);
	}

	@Test
	void shouldTellTheNextScheduledTimeInTheJobsTimeZone() {
		CampaignDefinition.Schedule lisbon = new CampaignDefinition.Schedule("0 0 6 * * MON-FRI",
				ZoneId.of("Europe/Lisbon"), CampaignDefinition.Missed.RUN_ONCE);
		// Friday 23 October 2026, 07:00 in Lisbon (summer time, UTC+1): next is Monday
		// 06:00
		// after the change to winter time (UTC+0)
		assertThat(CampaignScheduler.next(lisbon, null, Instant.parse("2026-10-23T06:00:00Z")))
			.isEqualTo(Instant.parse("2026-10-26T06:00:00Z"));
		// missed from Thursday 05:00 UTC to Monday 12:00 UTC: the latest due is Monday's
		assertThat(CampaignScheduler.latestDue(lisbon, Instant.parse("2026-10-22T04:00:00Z"),
				Instant.parse("2026-10-26T12:00:00Z")))
			.isEqualTo(Instant.parse("2026-10-26T06:00:00Z"));
		assertThat(CampaignScheduler.latestDue(lisbon, Instant.parse("2026-10-26T06:00:00Z"),
				Instant.parse("2026-10-26T12:00:00Z")))
			.isNull();
	}

	private Path job(String name, String campaign, String scheduleExtra) throws IOException {
		Path data = folder.resolve("data-" + campaign);
		Path generated = TestCampaigns.smallCampaign(data);
		Path job = folder.resolve("jobs").resolve(name);
		String text = Files.readString(generated)
			.replace("campaign: quarterly-statements", "campaign: " + campaign)
			.replace("cron: \"0 0 6 2 1,4,7,10 *\"", "cron: \"0 0 6 * * *\"")
			.replace("  zone: UTC\n", "  zone: UTC\n" + scheduleExtra)
			.replace("customers: customers.csv", "customers: " + data.resolve("customers.csv"))
			.replace("transactions: transactions.csv", "transactions: " + data.resolve("transactions.csv"));
		Files.writeString(job, text);
		return job;
	}

	private static void at(String instant) {
		CLOCK.set(Instant.parse(instant));
	}

	private int scheduled(String campaign) {
		List<CampaignLauncher.Launch> launches = this.launcher.latest();
		return (int) launches.stream()
			.filter((launch) -> launch.request().campaign().equals(campaign)
					&& launch.request().action().equals("SCHEDULED_RUN"))
			.count();
	}

	private void waitForRuns() throws InterruptedException {
		Instant until = Instant.now().plus(Duration.ofMinutes(2));
		while (this.launcher.latest().stream().anyMatch((launch) -> !launch.finished())
				&& Instant.now().isBefore(until)) {
			Thread.sleep(50);
		}
	}

}
