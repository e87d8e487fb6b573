package io.tidings.outbox;

import org.jspecify.annotations.Nullable;

/**
 * What a decision rested on besides its reason text, kept with the communication for
 * history and reports.
 *
 * @param valueTier the customer's value tier in the run (core, high, general)
 * @param variant the experiment variant the customer was assigned to
 * @param modelVersion the propensity model that scored the offer, e.g.
 * {@code TERM_DEPOSIT v3}
 * @param templateVersion short hash of the template file that renders it
 */
public record DecisionDetails(@Nullable String valueTier, @Nullable String variant, @Nullable String modelVersion,
		@Nullable String templateVersion) {

	/** No details. */
	public static final DecisionDetails NONE = new DecisionDetails(null, null, null, null);

}
