package io.tidings.schedule;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidings.ApplicationThreads;
import io.tidings.audit.AuditLog;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Starts campaign runs in the background for the console and the scheduler, one at a time
 * per campaign: the campaign's database lock is taken before the start is accepted, so a
 * double-clicked "run now" or a scheduled time during a run starts nothing more.
 */
@Component
public class CampaignLauncher implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(CampaignLauncher.class);

	private static final int KEPT = 50;

	private final ExecutorService executor = Executors.newCachedThreadPool(ApplicationThreads.named("campaign-run-"));

	private final CampaignRunner runner;

	private final CampaignLocks locks;

	private final AuditLog audit;

	private final Clock clock;

	private final Deque<Launch> launches = new ArrayDeque<>();

	CampaignLauncher(CampaignRunner runner, CampaignLocks locks, AuditLog audit, Clock clock) {
		this.runner = runner;
		this.locks = locks;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Starts a run in the background, unless the campaign is running.
	 * @param request what to run
	 * @param user who asks (recorded in the audit log)
	 * @param stillDue checked once the lock is held; false starts nothing (another
	 * process already did what was asked)
	 * @return the launch, or empty when the campaign is running or it was not due
	 */
	Optional<Launch> start(Request request, String user, BooleanSupplier stillDue) {
		Optional<CampaignLocks.Lock> lock = this.locks.tryLock(request.campaign());
		if (lock.isEmpty()) {
			return Optional.empty();
		}
		boolean started = false;
		try {
			if (!stillDue.getAsBoolean()) {
				return Optional.empty();
			}
			Launch launch = new Launch(request, user, this.clock.instant());
			remember(launch);
			this.audit.record(user, request.action(), request.campaign(), request.describe());
			this.executor.execute(() -> run(launch, lock.get()));
			started = true;
			return Optional.of(launch);
		}
		catch (RejectedExecutionException ex) {
			throw new IllegalStateException("The console is shutting down", ex);
		}
		finally {
			if (!started) {
				lock.get().close();
			}
		}
	}

	public Optional<Launch> start(Request request, String user) {
		return start(request, user, () -> true);
	}

	private void run(Launch launch, CampaignLocks.Lock lock) {
		Request request = launch.request();
		try {
			RunReport report = this.runner.run(request.jobFile(), request.asOf(), request.dryRun(),
					request.approvedDryRun(), launch.user());
			launch.finish(report.completed() ? null : report.failure(), report);
		}
		catch (RuntimeException ex) {
			logger.warn("Run of {} did not start or failed: {}", request.campaign(), ex.getMessage());
			launch.finish((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName(), null);
		}
		finally {
			lock.close();
		}
	}

	private void remember(Launch launch) {
		synchronized (this.launches) {
			this.launches.addFirst(launch);
			while (this.launches.size() > KEPT) {
				this.launches.removeLast();
			}
		}
	}

	/**
	 * The latest launches of this process, newest first.
	 */
	public List<Launch> latest() {
		synchronized (this.launches) {
			return List.copyOf(this.launches);
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	/**
	 * What to run.
	 *
	 * @param campaign the campaign (its lock)
	 * @param jobFile its job file
	 * @param asOf the as-of date; the job file's rule when null
	 * @param dryRun plan only
	 * @param approvedDryRun the dry run approved for release, if any
	 * @param action what the audit log calls it: RUN, DRY_RUN, APPROVE, RESTART,
	 * SCHEDULED_RUN
	 */
	public record Request(String campaign, Path jobFile, @Nullable LocalDate asOf, boolean dryRun,
			@Nullable String approvedDryRun, String action) {

		public String describe() {
			return this.jobFile.getFileName() + ((this.asOf != null) ? " as of " + this.asOf : "")
					+ (this.dryRun ? ", dry run" : "")
					+ ((this.approvedDryRun != null) ? ", approving dry run " + this.approvedDryRun : "");
		}

	}

	/**
	 * A run started from this process, and how it ended.
	 */
	public static final class Launch {

		private final Request request;

		private final String user;

		private final Instant startedAt;

		private volatile boolean finished;

		private volatile @Nullable String error;

		private volatile @Nullable RunReport report;

		Launch(Request request, String user, Instant startedAt) {
			this.request = request;
			this.user = user;
			this.startedAt = startedAt;
		}

		void finish(@Nullable String error, @Nullable RunReport report) {
			this.error = error;
			this.report = report;
			this.finished = true;
		}

		public Request request() {
			return this.request;
		}

		public String user() {
			return this.user;
		}

		public Instant startedAt() {
			return this.startedAt;
		}

		public boolean finished() {
			return this.finished;
		}

		public @Nullable String error() {
			return this.error;
		}

		public @Nullable RunReport report() {
			return this.report;
		}

	}

}
