package io.tidings.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidings.ApplicationThreads;
import io.tidings.audit.AuditLog;
import io.tidings.campaign.CampaignDefinition;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * Runs each job file of the jobs folder on its {@code schedule} ({@code cron} in its
 * {@code zone}) while {@code tidings serve} runs. Every
 * {@code tidings.scheduler.poll-interval} it reads the job files again and starts the
 * jobs whose next scheduled time has come, each under its campaign's database lock, so a
 * campaign never runs twice at once, in this process or another on the same database; the
 * last time handled is stored in the database.
 * <p>
 * Missed times (the server was down, or a run of the campaign was still going on): with
 * {@code schedule.missed: run-once} (the default) all of them give one run, as soon as
 * possible; with {@code skip}, a time missed by more than {@code tidings.scheduler.grace}
 * is skipped and the job waits for its next time. A job file that is invalid is marked
 * with the reason and not run; the others go on.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class CampaignScheduler implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(CampaignScheduler.class);

	private final JobCatalog catalog;

	private final ScheduleStore store;

	private final CampaignLauncher launcher;

	private final AuditLog audit;

	private final SchedulerSettings settings;

	private final Clock clock;

	private final Map<String, String> invalid = new ConcurrentHashMap<>();

	private @Nullable ScheduledExecutorService ticker;

	CampaignScheduler(JobCatalog catalog, ScheduleStore store, CampaignLauncher launcher, AuditLog audit,
			SchedulerSettings settings, Clock clock) {
		this.catalog = catalog;
		this.store = store;
		this.launcher = launcher;
		this.audit = audit;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Checks every job file once and starts the jobs that are due.
	 */
	void tick() {
		Instant now = this.clock.instant();
		for (JobCatalog.JobFile job : this.catalog.all()) {
			try {
				tick(job, now);
			}
			catch (RuntimeException ex) {
				logger.warn("Scheduler: job {} not checked: {}", job.name(), ex.getMessage());
			}
		}
	}

	private void tick(JobCatalog.JobFile job, Instant now) {
		CampaignDefinition definition = job.definition();
		if (definition == null) {
			if (!String.valueOf(job.invalidReason()).equals(this.invalid.put(job.name(), job.invalidReason()))) {
				logger.warn("Scheduler: job file {} is invalid and will not run until fixed: {}", job.name(),
						job.invalidReason());
			}
			return;
		}
		if (this.invalid.remove(job.name()) != null) {
			logger.info("Scheduler: job file {} is valid again", job.name());
		}
		ScheduleStore.State state = this.store.findOrStart(job.name(), now);
		if (!state.enabled()) {
			return;
		}
		Instant due = latestDue(definition.schedule(), state.lastFireAt(), now);
		if (due == null) {
			return;
		}
		if (definition.schedule().missed() == CampaignDefinition.Missed.SKIP
				&& Duration.between(due, now).compareTo(this.settings.grace()) > 0) {
			this.store.handled(job.name(), due);
			this.audit.record(AuditLog.SCHEDULER, "SCHEDULE_SKIPPED", definition.campaign(),
					job.name() + ": scheduled time " + due + " missed by more than " + this.settings.grace());
			logger.info("Scheduler: {} skipped its scheduled time {} (missed: skip)", job.name(), due);
			return;
		}
		CampaignLauncher.Request request = new CampaignLauncher.Request(definition.campaign(), job.file(), null, false,
				null, "SCHEDULED_RUN");
		Optional<CampaignLauncher.Launch> launch = this.launcher.start(request, AuditLog.SCHEDULER, () -> {
			// under the lock: another process may have handled this time meanwhile
			ScheduleStore.State current = this.store.find(job.name()).orElse(state);
			if (!current.enabled() || latestDue(definition.schedule(), current.lastFireAt(), now) == null) {
				return false;
			}
			this.store.handled(job.name(), due);
			return true;
		});
		if (launch.isPresent()) {
			logger.info("Scheduler: started {} for its scheduled time {}", job.name(), due);
		}
	}

	/**
	 * The latest scheduled time after the last one handled and not after now, if any.
	 */
	static @Nullable Instant latestDue(CampaignDefinition.Schedule schedule, @Nullable Instant lastHandled,
			Instant now) {
		if (lastHandled == null) {
			return null;
		}
		CronExpression cron = CronExpression.parse(schedule.cron());
		ZonedDateTime next = cron.next(lastHandled.atZone(schedule.zone()));
		Instant latest = null;
		// a cron firing every second over a long downtime: give up counting after many
		for (int count = 0; next != null && !next.toInstant().isAfter(now) && count < 1_000_000; count++) {
			latest = next.toInstant();
			next = cron.next(next);
		}
		return latest;
	}

	/**
	 * The next scheduled time of a job after now (or after the last time handled, if that
	 * is later).
	 */
	public static @Nullable Instant next(CampaignDefinition.Schedule schedule, @Nullable Instant lastHandled,
			Instant now) {
		Instant from = (lastHandled != null && lastHandled.isAfter(now)) ? lastHandled : now;
		ZonedDateTime next = CronExpression.parse(schedule.cron()).next(from.atZone(schedule.zone()));
		return (next != null) ? next.toInstant() : null;
	}

	@Override
	public void start() {
		if (!this.settings.enabled()) {
			logger.info("Scheduler disabled (tidings.scheduler.enabled=false)");
			return;
		}
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(ApplicationThreads.single("campaign-scheduler"));
		long interval = Math.max(1, this.settings.pollInterval().toMillis());
		executor.scheduleWithFixedDelay(this::tickSafely, interval, interval, TimeUnit.MILLISECONDS);
		this.ticker = executor;
	}

	private void tickSafely() {
		try {
			tick();
		}
		catch (RuntimeException ex) {
			logger.warn("Scheduler: {}", ex.getMessage());
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.ticker;
		if (executor != null) {
			executor.shutdownNow();
		}
		this.ticker = null;
	}

	@Override
	public boolean isRunning() {
		return this.ticker != null;
	}

}
