package io.tidings.offer;

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
	 * @param score the customer's response score for it
	 * @param reason why it was chosen over the others
	 */
	record Chosen(Offer offer, double score, String reason) implements OfferDecision {
	}

	/**
	 * No offer fits the customer.
	 *
	 * @param reason why each offer was ruled out
	 */
	record NoOffer(String reason) implements OfferDecision {
	}

}
