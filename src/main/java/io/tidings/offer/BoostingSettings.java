package io.tidings.offer;

/**
 * How gradient-boosted trees are grown: the {@code gradient-boosting:} section of a model
 * file.
 *
 * @param trees the most trees (boosting rounds); early stopping usually ends sooner
 * @param depth the deepest a tree may grow
 * @param learningRate how much each tree corrects the ones before (XGBoost's eta)
 * @param earlyStoppingRounds rounds without a better log loss on the validation fold
 * before growing stops
 */
public record BoostingSettings(int trees, int depth, double learningRate, int earlyStoppingRounds) {

	public static BoostingSettings defaults() {
		return new BoostingSettings(500, 4, 0.05, 30);
	}

}
