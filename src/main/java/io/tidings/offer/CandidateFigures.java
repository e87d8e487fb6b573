package io.tidings.offer;

/**
 * How one kind of model fared in the cross-validation of a training.
 *
 * @param kind the kind of model
 * @param auc area under the ROC curve of its out-of-fold probabilities
 * @param brier mean squared difference between its out-of-fold probabilities and the
 * outcomes (lower is better calibrated)
 * @param liftAt20 response rate in its top 20 % divided by the overall rate
 * @param champion whether it won and scores customers
 * @param detail what was tuned, e.g. {@code 212 trees} or {@code C 0.2}
 */
public record CandidateFigures(ModelKind kind, double auc, double brier, double liftAt20, boolean champion,
		String detail) {

	CandidateFigures asChampion() {
		return new CandidateFigures(this.kind, this.auc, this.brier, this.liftAt20, true, this.detail);
	}

}
