package io.tidings.offer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A trained propensity model for one product: L2-regularised logistic regression over the
 * encoded customer facts. Versioned per product; explains a score by the features that
 * contributed most.
 *
 * @param product product code
 * @param version version, counted per product from 1
 * @param trainedAt when it was trained
 * @param trainingRows customers it learned from
 * @param positives of which responded or bought
 * @param crossValidatedAuc area under the ROC curve in 5-fold cross-validation
 * @param spec how it was built
 * @param encoder how facts become features
 * @param weights one weight per feature token
 * @param bias the intercept
 */
public record PropensityModel(String product, int version, Instant trainedAt, int trainingRows, int positives,
		double crossValidatedAuc, ModelSpec spec, FeatureEncoder encoder, double[] weights, double bias) {

	/**
	 * The probability that the customer responds to the product.
	 * @param facts the customer's facts ({@code CustomerFacts})
	 */
	public double score(Map<String, Object> facts) {
		FeatureEncoder.Vector vector = this.encoder.encode(FeatureEncoder.flatten(facts, this.product));
		double sum = this.bias;
		for (int i = 0; i < vector.indices().length; i++) {
			sum += this.weights[vector.indices()[i] - 1] * vector.values()[i];
		}
		return 1.0 / (1.0 + Math.exp(-sum));
	}

	/**
	 * The features that moved this customer's score most, e.g.
	 * {@code poutcome=success +1.21}.
	 */
	public List<String> explain(Map<String, Object> facts, int top) {
		FeatureEncoder.Vector vector = this.encoder.encode(FeatureEncoder.flatten(facts, this.product));
		List<Map.Entry<String, Double>> contributions = new ArrayList<>();
		for (int i = 0; i < vector.indices().length; i++) {
			int index = vector.indices()[i] - 1;
			contributions.add(Map.entry(this.encoder.tokens().get(index), this.weights[index] * vector.values()[i]));
		}
		return contributions.stream()
			.sorted(Comparator.comparingDouble((Map.Entry<String, Double> entry) -> -Math.abs(entry.getValue())))
			.limit(top)
			.map(entry -> String.format(Locale.ROOT, "%s %+.2f", entry.getKey(), entry.getValue()))
			.toList();
	}

	/** {@code TERM_DEPOSIT v3}. */
	public String label() {
		return this.product + " v" + this.version;
	}

}
