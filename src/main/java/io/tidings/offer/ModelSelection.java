package io.tidings.offer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model choice by evidence: every candidate kind of a model file is evaluated on the same
 * 5 folds, stratified by outcome, from data read once; the one with the highest
 * out-of-fold AUC is the champion, and when AUCs are within {@value #AUC_TIE} the lower
 * Brier score wins, then the earlier candidate. Gradient-boosted trees stop early on a
 * validation fold inside each training part, and their probabilities are calibrated by
 * isotonic regression on held-out folds (cross-fitted, so that the figures are honest).
 */
final class ModelSelection {

	/** AUCs closer than this are a tie, decided by the Brier score. */
	static final double AUC_TIE = 0.002;

	static final int FOLDS = 5;

	private static final Logger progress = LoggerFactory.getLogger("io.tidings.progress");

	private ModelSelection() {
	}

	/**
	 * The figures of every candidate, the champion first, and the champion's trees when
	 * it is gradient-boosted.
	 *
	 * @param figures one per candidate kind, the champion first
	 * @param trees the fitted trees when the champion is gradient-boosted
	 */
	record Outcome(List<CandidateFigures> figures, @Nullable BoostedTrees trees) {

		CandidateFigures champion() {
			return this.figures.get(0);
		}

	}

	/**
	 * @param spec how to build the models, with the logistic regularisation already
	 * chosen
	 */
	static Outcome select(String product, List<Map<String, Object>> rows, int[] labels, FeatureEncoder encoder,
			List<FeatureEncoder.Vector> vectors, ModelSpec spec) {
		int[] folds = stratifiedFolds(labels, FOLDS, 0);
		List<CandidateFigures> figures = new ArrayList<>();
		BoostedTrees trees = null;
		for (ModelKind kind : spec.candidates()) {
			progress.info("score: cross-validating {} for {} on {} customers", kind.label(), product, labels.length);
			if (kind == ModelKind.LOGISTIC) {
				double[] probabilities = logisticOutOfFold(vectors, labels, folds, encoder.tokens().size(), spec);
				figures.add(figures(kind, probabilities, labels,
						String.format(Locale.ROOT, "C %s", spec.regularisation())));
			}
			else {
				Boosted boosted = boosted(product, rows, labels, encoder, folds, spec.boosting());
				trees = boosted.trees();
				figures.add(figures(kind, boosted.probabilities(), labels, boosted.trees().trees() + " trees"));
			}
		}
		List<CandidateFigures> ranked = new ArrayList<>(figures);
		ranked.sort(championFirst(figures));
		ranked.set(0, ranked.get(0).asChampion());
		boolean treesWon = ranked.get(0).kind() == ModelKind.GRADIENT_BOOSTING;
		return new Outcome(List.copyOf(ranked), treesWon ? trees : null);
	}

	/**
	 * Highest AUC first; AUCs within the tie margin by lower Brier score; then listed
	 * order.
	 */
	static Comparator<CandidateFigures> championFirst(List<CandidateFigures> listed) {
		return (a, b) -> {
			if (Math.abs(a.auc() - b.auc()) >= AUC_TIE) {
				return Double.compare(b.auc(), a.auc());
			}
			if (a.brier() != b.brier()) {
				return Double.compare(a.brier(), b.brier());
			}
			return Integer.compare(listed.indexOf(a), listed.indexOf(b));
		};
	}

	/**
	 * A fold per customer, 0 to {@code count - 1}, each with the same share of
	 * responders.
	 */
	static int[] stratifiedFolds(int[] labels, int count, long seed) {
		List<Integer> positives = new ArrayList<>();
		List<Integer> negatives = new ArrayList<>();
		for (int i = 0; i < labels.length; i++) {
			(labels[i] == 1 ? positives : negatives).add(i);
		}
		Random random = new Random(seed);
		java.util.Collections.shuffle(positives, random);
		java.util.Collections.shuffle(negatives, random);
		int[] folds = new int[labels.length];
		int next = 0;
		for (List<Integer> group : List.of(positives, negatives)) {
			for (int index : group) {
				folds[index] = next++ % count;
			}
		}
		return folds;
	}

	static CandidateFigures figures(ModelKind kind, double[] probabilities, int[] labels, String detail) {
		double brier = 0;
		for (int i = 0; i < labels.length; i++) {
			brier += (probabilities[i] - labels[i]) * (probabilities[i] - labels[i]) / labels.length;
		}
		return new CandidateFigures(kind, RankingMetrics.auc(probabilities, labels), brier,
				RankingMetrics.lift(probabilities, labels, 0.2), false, detail);
	}

	private static double[] logisticOutOfFold(List<FeatureEncoder.Vector> vectors, int[] labels, int[] folds,
			int features, ModelSpec spec) {
		double[] probabilities = new double[labels.length];
		for (int fold = 0; fold < FOLDS; fold++) {
			List<FeatureEncoder.Vector> trainVectors = new ArrayList<>();
			List<Integer> trainLabels = new ArrayList<>();
			for (int i = 0; i < labels.length; i++) {
				if (folds[i] != fold) {
					trainVectors.add(vectors.get(i));
					trainLabels.add(labels[i]);
				}
			}
			double[] weights = PropensityModels.fit(trainVectors, trainLabels, features, spec);
			for (int i = 0; i < labels.length; i++) {
				if (folds[i] == fold) {
					FeatureEncoder.Vector vector = vectors.get(i);
					double sum = weights[features];
					for (int j = 0; j < vector.indices().length; j++) {
						sum += weights[vector.indices()[j] - 1] * vector.values()[j];
					}
					probabilities[i] = 1.0 / (1.0 + Math.exp(-sum));
				}
			}
		}
		return probabilities;
	}

	private record Boosted(double[] probabilities, BoostedTrees trees) {
	}

	/**
	 * Out-of-fold calibrated probabilities and the final trees: in each round one fold is
	 * held out, the next one stops the growing early and the rest train. The final trees
	 * grow on every customer, as many as the folds found best on average, and are
	 * calibrated on all held-out scores.
	 */
	private static Boosted boosted(String product, List<Map<String, Object>> rows, int[] labels, FeatureEncoder encoder,
			int[] folds, BoostingSettings settings) {
		int width = BoostedTrees.columns(encoder).size();
		float[] data = BoostedTrees.matrix(encoder, rows);
		float[] outcomes = new float[rows.size()];
		for (int i = 0; i < rows.size(); i++) {
			outcomes[i] = labels[i];
		}
		double[] raw = new double[labels.length];
		DMatrix all = null;
		try {
			all = new DMatrix(data, rows.size(), width, Float.NaN);
			all.setLabel(outcomes);
			long treesFound = 0;
			for (int round = 0; round < FOLDS; round++) {
				int fold = round;
				progress.info("score: gradient-boosting for {}, fold {} of {}", product, fold + 1, FOLDS);
				int validationFold = (fold + 1) % FOLDS;
				int[] training = indices(folds, f -> f != fold && f != validationFold);
				int[] validation = indices(folds, f -> f == validationFold);
				int[] heldOut = indices(folds, f -> f == fold);
				BoostedTrees.Grown grown = BoostedTrees.grow(all, training, validation, settings);
				try {
					float[] held = new float[heldOut.length * width];
					for (int i = 0; i < heldOut.length; i++) {
						System.arraycopy(data, heldOut[i] * width, held, i * width, width);
					}
					float[] predictions = grown.predict(held, heldOut.length, width);
					for (int i = 0; i < heldOut.length; i++) {
						raw[heldOut[i]] = predictions[i];
					}
					treesFound += grown.trees();
				}
				finally {
					grown.booster().dispose();
				}
			}
			int trees = (int) Math.max(1, Math.round(treesFound / (double) FOLDS));
			progress.info("score: gradient-boosting for {}, {} trees on every customer", product, trees);
			byte[] model = BoostedTrees.growAll(all, trees, settings);
			return new Boosted(crossFitted(raw, labels, folds),
					new BoostedTrees(model, trees, IsotonicCalibration.fit(raw, labels)));
		}
		catch (XGBoostError ex) {
			throw new IllegalStateException("Cannot grow gradient-boosted trees: " + ex.getMessage(), ex);
		}
		finally {
			if (all != null) {
				all.dispose();
			}
		}
	}

	/** Each fold's scores calibrated by the other folds' scores. */
	static double[] crossFitted(double[] raw, int[] labels, int[] folds) {
		double[] calibrated = new double[raw.length];
		for (int fold = 0; fold < FOLDS; fold++) {
			int current = fold;
			int[] others = indices(folds, f -> f != current);
			double[] otherRaw = new double[others.length];
			int[] otherLabels = new int[others.length];
			for (int i = 0; i < others.length; i++) {
				otherRaw[i] = raw[others[i]];
				otherLabels[i] = labels[others[i]];
			}
			IsotonicCalibration calibration = IsotonicCalibration.fit(otherRaw, otherLabels);
			for (int i = 0; i < raw.length; i++) {
				if (folds[i] == fold) {
					calibrated[i] = calibration.apply(raw[i]);
				}
			}
		}
		return calibrated;
	}

	private static int[] indices(int[] folds, java.util.function.IntPredicate fold) {
		return java.util.stream.IntStream.range(0, folds.length).filter(i -> fold.test(folds[i])).toArray();
	}

}
