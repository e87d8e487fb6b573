package io.tidings.campaign;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import io.tidings.offer.OfferCatalog;
import io.tidings.outbox.RunRef;

/**
 * What every step of one campaign run works from: the job file, its offers, the run and
 * its as-of date.
 *
 * @param definition the job file
 * @param offers the offer catalog
 * @param run the run
 * @param asOf the as-of date
 * @param dryRun whether the run only plans
 */
record CampaignRunContext(CampaignDefinition definition, OfferCatalog offers, RunRef run, LocalDate asOf,
		boolean dryRun) {

	static final String CAMPAIGN = "campaign";

	static final String RUN_KEY = "runKey";

	static final String AS_OF = "asOf";

	static final String JOB_FILE = "jobFile";

	static final String DRY_RUN = "dryRun";

	/**
	 * The job parameters, for a step-scoped bean that builds its context with
	 * {@link #from(Map)}.
	 */
	static final String JOB_PARAMETERS = "#{jobParameters}";

	/**
	 * A scheduler of this run's contact policy, in the campaign's time zone.
	 */
	io.tidings.policy.ContactScheduler scheduler() {
		return new io.tidings.policy.ContactScheduler(this.definition.policy(), this.definition.schedule().zone());
	}

	/**
	 * Loads the context of a step from its job parameters.
	 */
	static CampaignRunContext from(Map<String, Object> jobParameters) {
		CampaignDefinition definition = CampaignDefinition.load(Path.of(String.valueOf(jobParameters.get(JOB_FILE))));
		return new CampaignRunContext(definition, definition.offers(),
				new RunRef(definition.campaign(), String.valueOf(jobParameters.get(RUN_KEY))),
				LocalDate.parse(String.valueOf(jobParameters.get(AS_OF))),
				"true".equals(String.valueOf(jobParameters.get(DRY_RUN))));
	}

}
