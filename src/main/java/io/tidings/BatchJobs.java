package io.tidings;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Starts a job, or resumes it when the same parameters already ran and did not finish. A
 * previous execution still marked as running is one whose process died (the embedded
 * database admits one process at a time): it is marked failed first, so that Spring Batch
 * restarts it from its last committed chunk. So is a failed execution that left steps
 * marked as running: partitions that a manager gave up waiting for.
 */
public final class BatchJobs {

	private static final Logger logger = LoggerFactory.getLogger(BatchJobs.class);

	private BatchJobs() {
	}

	/**
	 * Runs the job to its end.
	 * @return what ran, or the earlier execution when the job already completed with
	 * these parameters
	 */
	public static Outcome startOrResume(JobOperator jobOperator, JobRepository jobRepository, Job job,
			JobParameters parameters) {
		JobExecution last = jobRepository.getLastJobExecution(job.getName(), parameters);
		boolean resumed = false;
		if (last != null) {
			if (last.getStatus() == BatchStatus.COMPLETED) {
				return new Outcome(last, false, true);
			}
			if (last.getStatus().isRunning() || last.getStatus() == BatchStatus.UNKNOWN
					|| last.getStepExecutions().stream().anyMatch(step -> step.getStatus().isRunning())) {
				logger.info("Previous execution {} of {} did not end (the process stopped); recovering it",
						last.getId(), job.getName());
				jobOperator.recover(last);
			}
			resumed = true;
		}
		try {
			return new Outcome(jobOperator.start(job, parameters), resumed, false);
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			return new Outcome(jobRepository.getLastJobExecution(job.getName(), parameters), false, true);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start " + job.getName() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Why an execution failed, in one line: the stage that failed and the root causes,
	 * e.g. {@code in the stage "deliver communications": File too large}.
	 */
	public static String failure(JobExecution execution) {
		List<Throwable> failures = execution.getAllFailureExceptions();
		String causes = failures.isEmpty() ? execution.getExitStatus().getExitDescription()
				: failures.stream().map(BatchJobs::rootMessage).distinct().collect(Collectors.joining("; "));
		return execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStatus() == BatchStatus.FAILED || !step.getFailureExceptions().isEmpty())
			.map(step -> "in the stage \"" + stage(step.getStepName()) + "\": " + causes)
			.reduce((first, last) -> last)
			.orElse("in the job \"" + stage(execution.getJobInstance().getJobName()) + "\": " + causes);
	}

	/**
	 * {@code deliverCommunicationsStep} is the stage "deliver communications",
	 * {@code campaignRunJob} the job "campaign run job".
	 */
	private static String stage(String stepName) {
		String name = stepName.endsWith("Step") ? stepName.substring(0, stepName.length() - 4) : stepName;
		return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
	}

	private static String rootMessage(Throwable failure) {
		Throwable cause = Failures.rootCause(failure);
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

	/**
	 * How a start went.
	 *
	 * @param execution the execution that ran, or the completed one
	 * @param resumed whether it continued an earlier execution that had not finished
	 * @param alreadyComplete whether nothing ran because it had completed before
	 */
	public record Outcome(JobExecution execution, boolean resumed, boolean alreadyComplete) {

		public boolean completed() {
			return this.execution.getStatus() == BatchStatus.COMPLETED;
		}

	}

}
