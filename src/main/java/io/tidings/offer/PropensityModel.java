package io.tidings.offer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A trained propensity model for one product: L2-regularised logistic regression over the
 * encoded customer facts, or calibrated gradient-boosted trees over the raw facts, as the
 * training's model selection chose. Versioned per product; explains a score by the
 * features that contributed most.
 *
 * @param product product code
 * @param version version, counted per product from 1
 * @param trainedAt when it was trained
 * @param trainingRows customers it learned from
 * @param positives of which responded or bought
 * @param crossValidatedAuc area under the ROC curve in 5-fold cross-validation (of the
 * champion)
 * @param spec how it was built
 * @param encoder how facts become features
 * @param weights one weight per feature token (logistic)
 * @param bias the intercept (logistic)
 * @param kind the kind of model; logistic for models stored before there were others
 * @param trees the trees, when gradient-boosted
 * @param candidates every candidate's cross-validated figures, the champion first; empty
 * for models stored before they were kept
 */
public record PropensityModel(String product, int version, Instant trainedAt, int trainingRows, int positives,
		double crossValidatedAuc, ModelSpec spec, FeatureEncoder encoder, double[] weights, double bias,
		@Nullable ModelKind kind, @Nullable BoostedTrees trees, @Nullable List<CandidateFigures> candidates) {

	public PropensityModel {
		kind = (kind != null) ? kind : ModelKind.LOGISTIC;
		candidates = (candidates != null) ? List.copyOf(candidates) : List.of();
	}

	/**
	 * The probability that the customer responds to the product.
	 * @param facts the customer's facts ({@code CustomerFacts})
	 */
	public double score(Map<String, Object> facts) {
		if (this.trees != null) {
			return this.trees.probability(this.encoder, FeatureEncoder.flatten(facts, this.product));
		}
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
		if (this.trees != null) {
			return this.trees.explain(this.encoder, FeatureEncoder.flatten(facts, this.product), top);
		}
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

	/** {@code TERM_DEPOSIT gradient-boosting v3}: what scored a decision. */
	public String description() {
		return this.product + " " + Objects.requireNonNull(this.kind).label() + " v" + this.version;
	}

}
