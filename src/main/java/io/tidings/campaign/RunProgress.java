package io.tidings.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.tidings.BatchJobs;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.RunCounts;
import io.tidings.outbox.RunRef;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Progress of campaign runs, read from the Spring Batch metadata (committed after every
 * chunk, so it is live, also for runs of another process on the same database) and the
 * ledger: per stage the items read, written and skipped, the rate and, where the work
 * left is known, the time left.
 */
@Component
public class RunProgress {

	private static final List<String> JOBS = List.of(RunParameters.RUN_JOB, RunParameters.DELIVERY_JOB);

	private final JobRepository jobs;

	private final RunCounts runCounts;

	private final CustomerRepository customers;

	private final AudienceRepository audience;

	RunProgress(JobRepository jobs, RunCounts runCounts, CustomerRepository customers, AudienceRepository audience) {
		this.jobs = jobs;
		this.runCounts = runCounts;
		this.customers = customers;
		this.audience = audience;
	}

	/**
	 * The latest executions of campaign runs and delivery passes, newest first.
	 */
	public List<Run> latest(int limit) {
		List<JobExecution> executions = new ArrayList<>();
		for (String job : JOBS) {
			for (JobInstance instance : this.jobs.getJobInstances(job, 0, limit)) {
				executions.addAll(this.jobs.getJobExecutions(instance));
			}
		}
		return executions.stream()
			.sorted(Comparator.comparing(JobExecution::getId).reversed())
			.limit(limit)
			.map(this::run)
			.toList();
	}

	/**
	 * One execution, if it is a campaign run or delivery pass.
	 */
	public Optional<Run> find(long executionId) {
		JobExecution execution;
		try {
			execution = this.jobs.getJobExecution(executionId);
		}
		catch (EmptyResultDataAccessException ex) {
			// the JDBC job repository throws for an unknown id where its contract says
			// null
			return Optional.empty();
		}
		if (execution == null || !JOBS.contains(execution.getJobInstance().getJobName())) {
			return Optional.empty();
		}
		return Optional.of(run(execution));
	}

	/**
	 * Whether an execution of the campaign is running now.
	 */
	public boolean running(String campaign) {
		return JOBS.stream()
			.flatMap((job) -> this.jobs.findRunningJobExecutions(job).stream())
			.anyMatch((execution) -> RunParameters.of(execution.getJobParameters())
				.map((parameters) -> parameters.run().campaign().equals(campaign))
				.orElse(false));
	}

	/**
	 * The running stages of every job (campaign runs, imports, ingests) started since the
	 * given moment, for progress bars; an execution left running by a process that died
	 * before is not one of them.
	 */
	public List<Stage> runningStages(Instant since) {
		List<Stage> stages = new ArrayList<>();
		for (String job : this.jobs.getJobNames()) {
			for (JobExecution running : this.jobs.findRunningJobExecutions(job)) {
				JobExecution execution = this.jobs.getJobExecution(running.getId());
				Instant created = (execution != null) ? instant(execution.getCreateTime()) : null;
				if (execution != null && created != null && !created.isBefore(since)) {
					RunRef run = RunParameters.of(execution.getJobParameters()).map(RunParameters::run).orElse(null);
					execution.getStepExecutions()
						.stream()
						.filter((step) -> step.getStatus().isRunning())
						.forEach((step) -> stages.add(stage(step, run)));
				}
			}
		}
		return stages;
	}

	private Run run(JobExecution execution) {
		Optional<RunParameters> parameters = RunParameters.of(execution.getJobParameters());
		RunRef ref = parameters.map(RunParameters::run).orElse(null);
		List<Stage> stages = execution.getStepExecutions()
			.stream()
			.sorted(Comparator.comparing(StepExecution::getId))
			.map((step) -> stage(step, ref))
			.toList();
		boolean failed = execution.getStatus() == BatchStatus.FAILED || execution.getStatus() == BatchStatus.STOPPED;
		return new Run(execution.getId(), execution.getJobInstance().getJobName(), parameters.orElse(null),
				execution.getStatus().name(), instant(execution.getCreateTime()), instant(execution.getStartTime()),
				instant(execution.getEndTime()), execution.getStatus().isRunning(), failed,
				failed ? BatchJobs.failure(execution) : null, stages);
	}

	private Stage stage(StepExecution step, @Nullable RunRef run) {
		Instant start = instant(step.getStartTime());
		Instant end = instant(step.getEndTime());
		Instant until = (end != null) ? end : Instant.now();
		Duration elapsed = (start != null) ? Duration.between(start, until) : Duration.ZERO;
		long done = Math.max(step.getWriteCount(), step.getReadCount());
		double seconds = elapsed.toMillis() / 1000.0;
		double rate = (seconds > 0.05) ? done / seconds : 0;
		boolean running = step.getStatus().isRunning();
		Long remaining = (running && run != null) ? remaining(step, run) : null;
		Duration eta = (remaining != null && rate > 0) ? Duration.ofSeconds(Math.round(remaining / rate)) : null;
		String error = step.getFailureExceptions().isEmpty() ? null
				: step.getFailureExceptions()
					.stream()
					.map((failure) -> (failure.getMessage() != null) ? failure.getMessage()
							: failure.getClass().getSimpleName())
					.distinct()
					.reduce((a, b) -> a + "; " + b)
					.orElse(null);
		return new Stage(step.getStepName(), step.getStatus().name(), step.getReadCount(), step.getWriteCount(),
				step.getSkipCount(), step.getFilterCount(), elapsed, rate, remaining, eta, running, error);
	}

	/**
	 * Items a running stage has left, where the ledger or the audience tells.
	 */
	private @Nullable Long remaining(StepExecution step, RunRef run) {
		return switch (step.getStepName()) {
			case "selectAudienceStep" -> Math.max(0, this.customers.count() - step.getReadCount());
			case "planCommunicationsStep" -> Math.max(0, this.audience.count(run) - step.getReadCount());
			case "renderDocumentsStep" -> this.runCounts.inState(run, CommunicationState.PLANNED);
			case "deliverCommunicationsStep" -> this.runCounts.pending(run, Instant.now()).due();
			default -> null;
		};
	}

	private static @Nullable Instant instant(@Nullable LocalDateTime time) {
		return (time != null) ? time.atZone(ZoneId.systemDefault()).toInstant() : null;
	}

	/**
	 * A campaign run or delivery pass execution.
	 *
	 * @param id execution id
	 * @param job {@code campaignRunJob} or {@code campaignDeliveryJob}
	 * @param parameters campaign, run key, job file, as-of date, dry run
	 * @param status Spring Batch status
	 * @param createdAt when it was created
	 * @param startedAt when it started
	 * @param endedAt when it ended
	 * @param running whether it is running
	 * @param failed whether it failed or stopped (it can be restarted)
	 * @param error why it failed
	 * @param stages its steps, in order
	 */
	public record Run(long id, String job, @Nullable RunParameters parameters, String status,
			@Nullable Instant createdAt, @Nullable Instant startedAt, @Nullable Instant endedAt, boolean running,
			boolean failed, @Nullable String error, List<Stage> stages) {

		public boolean deliveryPass() {
			return RunParameters.DELIVERY_JOB.equals(this.job);
		}

	}

	/**
	 * One stage (step) of a run.
	 *
	 * @param name step name
	 * @param status Spring Batch status
	 * @param read items read
	 * @param written items written
	 * @param skipped items skipped
	 * @param filtered items filtered
	 * @param elapsed time it took, or has taken so far
	 * @param rate items per second
	 * @param remaining items left, when known
	 * @param eta time left at the current rate, when known
	 * @param running whether it is running
	 * @param error why it failed
	 */
	public record Stage(String name, String status, long read, long written, long skipped, long filtered,
			Duration elapsed, double rate, @Nullable Long remaining, @Nullable Duration eta, boolean running,
			@Nullable String error) {
	}

}
