package io.tidings.offer;

import java.time.Instant;
import java.util.Map;

/**
 * A trained uplift model for one product: how much a contact changes a customer's chance
 * of taking it up. Two logistic regressions over the same encoded facts (the T-learner):
 * one learned from the customers the campaigns contacted, one from those their control
 * groups held out; the uplift is the difference of their probabilities. Versioned per
 * product.
 *
 * @param product product code
 * @param version version, counted per product from 1
 * @param trainedAt when it was trained
 * @param groups the customers it learned from
 * @param spec how it was built
 * @param encoder how facts become features
 * @param treated weights and bias of the contacted customers' model
 * @param control weights and bias of the held-out customers' model
 */
public record UpliftModel(String product, int version, Instant trainedAt, UpliftGroups groups, ModelSpec spec,
		FeatureEncoder encoder, double[] treated, double[] control) {

	/**
	 * P(take-up | contacted) − P(take-up | not contacted) for a customer.
	 * @param facts the customer's facts ({@code CustomerFacts})
	 */
	public double uplift(Map<String, Object> facts) {
		return new UpliftLearner.Fit(this.encoder, this.treated, this.control)
			.uplift(FeatureEncoder.flatten(facts, this.product));
	}

	/** {@code uplift model TERM_DEPOSIT v3}. */
	public String label() {
		return "uplift model " + this.product + " v" + this.version;
	}

}
