package io.tidings.offer;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of propensity model a model file can name as {@code candidates}.
 */
public enum ModelKind {

	/**
	 * L2-regularised logistic regression over the one-hot and binned features
	 * (LIBLINEAR).
	 */
	LOGISTIC("logistic"),

	/**
	 * Gradient-boosted trees over the raw features, calibrated by isotonic regression
	 * (XGBoost).
	 */
	GRADIENT_BOOSTING("gradient-boosting");

	private final String label;

	ModelKind(String label) {
		this.label = label;
	}

	/** The name in model files, reasons and output: {@code gradient-boosting}. */
	public String label() {
		return this.label;
	}

	static Optional<ModelKind> of(String label) {
		return Arrays.stream(values()).filter(kind -> kind.label.equals(label)).findFirst();
	}

}
