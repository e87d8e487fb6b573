package io.tidings.offer;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of offer arbitration for one customer.
 */
public sealed interface OfferDecision permits OfferDecision.Chosen, OfferDecision.NoOffer {

	/** Why this outcome, in words a call-centre agent can read out. */
	String reason();

	/**
	 * The best offer for the customer.
	 *
	 * @param offer the offer
	 * @param propensity the estimated probability of a response
	 * @param expectedValue propensity times the offer's margin; uplift times the margin
	 * when the offer is ranked by uplift
	 * @param modelVersion the propensity model used, when one was; the uplift model when
	 * the offer is ranked by uplift
	 * @param reason why it was chosen over the others
	 */
	record Chosen(Offer offer, double propensity, double expectedValue, @Nullable String modelVersion,
			String reason) implements OfferDecision {
	}

	/**
	 * No offer fits the customer.
	 *
	 * @param reason why each offer was ruled out
	 */
	record NoOffer(String reason) implements OfferDecision {
	}

}
