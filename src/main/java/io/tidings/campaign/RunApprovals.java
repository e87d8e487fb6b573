package io.tidings.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.outbox.RunRef;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Release on approval: when a job file sets {@code policy.require-approval}, a real run
 * starts only when it names a completed dry run of the same campaign and as-of date, made
 * from the same job file and offers (their SHA-256, kept with each run, must match), so
 * what runs is what was approved; and, four eyes, only when someone other than who made
 * that dry run approves it.
 */
class RunApprovals {

	/** Job parameter holding the SHA-256 of the job file and the offers file. */
	static final String DIGEST = "definitionSha256";

	/**
	 * Job parameter holding who started the run (a console user, or the command line's).
	 */
	static final String STARTED_BY = "startedBy";

	private final JobRepository jobRepository;

	private final Job campaignRunJob;

	RunApprovals(JobRepository jobRepository, Job campaignRunJob) {
		this.jobRepository = jobRepository;
		this.campaignRunJob = campaignRunJob;
	}

	/**
	 * @throws InvalidInputException when approval is required and the dry run named is
	 * missing, of another run, not completed, made from other files, or made by who
	 * approves it
	 */
	void check(CampaignDefinition definition, RunRef run, @Nullable String approvedDryRun, @Nullable String approver) {
		if (!definition.policy().requireApproval()) {
			return;
		}
		if (approvedDryRun == null) {
			throw new InvalidInputException(definition.file(), "policy.require-approval is set: dry-run the campaign "
					+ "(--dry-run), check its report, then run it with --approve <dry-run key>");
		}
		if (!approvedDryRun.startsWith(run.runKey() + RunRef.DRY_RUN_MARK)) {
			throw new InvalidInputException("--approve " + approvedDryRun + " is not a dry run of run " + run.runKey()
					+ " (its key starts with " + run.runKey() + RunRef.DRY_RUN_MARK + ")");
		}
		JobExecution dryRun = this.jobRepository.getLastJobExecution(this.campaignRunJob.getName(),
				new JobParametersBuilder().addString(CampaignRunContext.CAMPAIGN, run.campaign())
					.addString(CampaignRunContext.RUN_KEY, approvedDryRun)
					.toJobParameters());
		if (dryRun == null || dryRun.getStatus() != BatchStatus.COMPLETED) {
			throw new InvalidInputException(
					"--approve " + approvedDryRun + ": no completed dry run with that key for " + run.campaign());
		}
		if (!digest(definition).equals(dryRun.getJobParameters().getString(DIGEST))) {
			throw new InvalidInputException(definition.file(), "changed (or its offers did) since dry run "
					+ approvedDryRun + " was made: dry-run it again and approve that one");
		}
		String maker = dryRun.getJobParameters().getString(STARTED_BY);
		if (maker == null) {
			throw new InvalidInputException("--approve " + approvedDryRun
					+ ": the dry run does not record who made it: dry-run it again, and have another user approve it");
		}
		if (approver == null) {
			throw new InvalidInputException("--approve " + approvedDryRun + ": who approves is not known");
		}
		if (approver.equalsIgnoreCase(maker)) {
			throw new InvalidInputException("--approve " + approvedDryRun + ": four eyes: " + maker
					+ " made that dry run, so " + maker + " cannot approve it; another user must");
		}
	}

	String digest(CampaignDefinition definition) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (Path file : new Path[] { definition.file(), definition.offersFile() }) {
				sha.update(Files.readAllBytes(file));
			}
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (IOException ex) {
			throw new InvalidInputException(definition.file(), "cannot be read: " + ex.getMessage());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

}
