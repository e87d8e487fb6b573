package io.tidings.offer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Learns an uplift model by the two-model approach (T-learner): the propensity models'
 * logistic regression ({@link PropensityModels#fit}) fitted once on the contacted
 * customers and once on the held-out ones, over one feature encoding fitted on both. With
 * {@code regularisation: auto} each side gets the penalty of the grid with its best
 * cross-validated AUC.
 */
final class UpliftLearner {

	private UpliftLearner() {
	}

	/**
	 * The two sides' weights and bias.
	 *
	 * @param encoder the encoding of facts both sides use
	 * @param treated weights, then bias, of the contacted customers' model
	 * @param control weights, then bias, of the held-out customers' model
	 */
	record Fit(FeatureEncoder encoder, double[] treated, double[] control) {

		/**
		 * The uplift of facts flattened for the product ({@link FeatureEncoder#flatten}).
		 */
		double uplift(Map<String, Object> flat) {
			FeatureEncoder.Vector vector = this.encoder.encode(flat);
			return probability(this.treated, vector) - probability(this.control, vector);
		}

		private static double probability(double[] weightsAndBias, FeatureEncoder.Vector vector) {
			double sum = weightsAndBias[weightsAndBias.length - 1];
			for (int i = 0; i < vector.indices().length; i++) {
				sum += weightsAndBias[vector.indices()[i] - 1] * vector.values()[i];
			}
			return 1.0 / (1.0 + Math.exp(-sum));
		}

	}

	/**
	 * @param rows each customer's facts, flattened for the product
	 * @param treated whether each customer was contacted
	 * @param labels whether each customer took the product up (1) or not (0)
	 */
	static Fit fit(List<Map<String, Object>> rows, boolean[] treated, int[] labels, ModelSpec spec) {
		FeatureEncoder encoder = FeatureEncoder.fit(rows, spec);
		int features = encoder.tokens().size();
		List<FeatureEncoder.Vector> treatedVectors = new ArrayList<>();
		List<Integer> treatedLabels = new ArrayList<>();
		List<FeatureEncoder.Vector> controlVectors = new ArrayList<>();
		List<Integer> controlLabels = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			FeatureEncoder.Vector vector = encoder.encode(rows.get(i));
			(treated[i] ? treatedVectors : controlVectors).add(vector);
			(treated[i] ? treatedLabels : controlLabels).add(labels[i]);
		}
		return new Fit(encoder, side(treatedVectors, treatedLabels, features, spec),
				side(controlVectors, controlLabels, features, spec));
	}

	private static double[] side(List<FeatureEncoder.Vector> vectors, List<Integer> labels, int features,
			ModelSpec spec) {
		ModelSpec chosen = spec;
		if (spec.regularisation() <= 0) {
			double best = -1;
			for (double c : ModelSpec.REGULARISATION_GRID) {
				double auc = PropensityModels.crossValidatedAuc(vectors, labels, features, spec.withRegularisation(c));
				if (auc > best) {
					best = auc;
					chosen = spec.withRegularisation(c);
				}
			}
		}
		return PropensityModels.fit(vectors, labels, features, chosen);
	}

}
