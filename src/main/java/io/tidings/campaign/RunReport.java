package io.tidings.campaign;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.CommunicationCount;
import io.tidings.outbox.RunCounts;
import io.tidings.outbox.RunRef;
import io.tidings.outbox.RunTally;

/**
 * What a campaign run did.
 *
 * @param run the run
 * @param completed whether it completed (else it failed and can be restarted)
 * @param alreadyComplete whether it had completed before and nothing ran
 * @param resumed whether it continued an earlier run that had stopped
 * @param dryRun whether it only planned
 * @param audience customers selected
 * @param tallies communications by channel, kind, state and reason
 * @param failure why it failed
 * @param outputFolder where its outputs are
 * @param deliveryPass whether this was a delivery pass of a run completed before
 * @param pending communications still waiting to be sent, and when the next is due
 * @param counts communications by channel, kind, offer, tier, state and reasons
 * @param warnings what looks wrong, e.g. an offer no customer got
 * @param languages a dry run's planned documents by language and where the language came
 * from (empty for other runs)
 * @param summary the run's {@code run.json}, as written in its output folder
 */
public record RunReport(RunRef run, boolean completed, boolean alreadyComplete, boolean resumed, boolean dryRun,
		long audience, List<RunTally> tallies, @Nullable String failure, Path outputFolder, boolean deliveryPass,
		RunCounts.Pending pending, List<CommunicationCount> counts, List<String> warnings,
		List<LanguageCount> languages, String summary) {

	RunReport withSummary(String json) {
		return new RunReport(this.run, this.completed, this.alreadyComplete, this.resumed, this.dryRun, this.audience,
				this.tallies, this.failure, this.outputFolder, this.deliveryPass, this.pending, this.counts,
				this.warnings, this.languages, json);
	}

	/**
	 * @param language the language of the documents
	 * @param source where it came from: {@code customer's}, {@code country default} or
	 * {@code campaign default}
	 * @param count how many documents
	 */
	public record LanguageCount(String language, String source, long count) {
	}

}
