package io.tidings.campaign;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.RunRef;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * What a campaign run or delivery pass was started with, read back from its Spring Batch
 * job parameters, for whoever shows runs or restarts them (the console).
 *
 * @param run campaign and run key
 * @param jobFile the job file
 * @param asOf the as-of date
 * @param dryRun whether it only plans
 * @param startedBy who started it, when known
 */
public record RunParameters(RunRef run, Path jobFile, LocalDate asOf, boolean dryRun, @Nullable String startedBy) {

	/** Name of the campaign run job in the Spring Batch metadata. */
	public static final String RUN_JOB = "campaignRunJob";

	/** Name of the delivery pass job in the Spring Batch metadata. */
	public static final String DELIVERY_JOB = "campaignDeliveryJob";

	/**
	 * The parameters of a campaign run or delivery pass; empty for other jobs.
	 */
	public static Optional<RunParameters> of(JobParameters parameters) {
		String campaign = parameters.getString(CampaignRunContext.CAMPAIGN);
		String runKey = parameters.getString(CampaignRunContext.RUN_KEY);
		String jobFile = parameters.getString(CampaignRunContext.JOB_FILE);
		String asOf = parameters.getString(CampaignRunContext.AS_OF);
		if (campaign == null || runKey == null || jobFile == null || asOf == null) {
			return Optional.empty();
		}
		return Optional.of(new RunParameters(new RunRef(campaign, runKey), Path.of(jobFile), LocalDate.parse(asOf),
				Boolean.parseBoolean(parameters.getString(CampaignRunContext.DRY_RUN)),
				parameters.getString(RunApprovals.STARTED_BY)));
	}

}
