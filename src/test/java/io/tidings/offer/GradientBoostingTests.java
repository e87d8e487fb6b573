package io.tidings.offer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Gradient-boosted trees and the choice between model kinds, on synthetic customers whose
 * response follows a rule a logistic model cannot express: an exclusive or of two facts.
 */
class GradientBoostingTests {

	private static final ModelSpec BOTH = new ModelSpec(List.of(), List.of(), 4, Map.of(), List.of(), 0.1, 20,
			List.of(ModelKind.LOGISTIC, ModelKind.GRADIENT_BOOSTING), BoostingSettings.defaults());

	private static final List<Map<String, Object>> rows = new ArrayList<>();

	private static final List<Integer> labels = new ArrayList<>();

	private static PropensityModel model;

	@TempDir
	Path folder;

	/** 2,000 customers to learn from, 2,000 more held out. */
	@BeforeAll
	static void trainOnAnExclusiveOr() {
		Random random = new Random(7);
		for (int i = 0; i < 4_000; i++) {
			double a = random.nextDouble();
			double b = random.nextDouble();
			boolean exclusiveOr = (a > 0.5) != (b > 0.5);
			rows.add(Map.of("a", a, "b", b, "noise", random.nextInt(100), "region",
					List.of("north", "south", "east").get(random.nextInt(3))));
			labels.add(random.nextDouble() < (exclusiveOr ? 0.7 : 0.05) ? 1 : 0);
		}
		List<Map<String, Object>> training = rows.subList(0, 2_000);
		FeatureEncoder encoder = FeatureEncoder.fit(training, BOTH);
		List<FeatureEncoder.Vector> vectors = training.stream().map(encoder::encode).toList();
		int[] outcomes = labels.subList(0, 2_000).stream().mapToInt(Integer::intValue).toArray();
		ModelSelection.Outcome outcome = ModelSelection.select("GOLD", training, outcomes, encoder, vectors, BOTH);
		model = new PropensityModel("GOLD", 7, Instant.EPOCH, 2_000, 0, outcome.champion().auc(), BOTH, encoder,
				new double[0], 0, outcome.champion().kind(), outcome.trees(), outcome.figures());
	}

	@Test
	void shouldLearnARuleALogisticModelCannotAndChooseTheTreesAsChampion() {
		assertThat(model.kind()).isEqualTo(ModelKind.GRADIENT_BOOSTING);
		assertThat(model.candidates()).extracting(CandidateFigures::kind)
			.containsExactly(ModelKind.GRADIENT_BOOSTING, ModelKind.LOGISTIC);
		assertThat(model.candidates()).extracting(CandidateFigures::champion).containsExactly(true, false);
		CandidateFigures trees = model.candidates().get(0);
		CandidateFigures logistic = model.candidates().get(1);
		assertThat(trees.auc()).isGreaterThan(0.78);
		assertThat(logistic.auc()).isLessThan(0.6);
		assertThat(trees.brier()).isLessThan(logistic.brier());
		assertThat(trees.liftAt20()).isGreaterThan(1.8);
		// and on customers it never saw
		assertThat(RankingMetrics.auc(heldOutScores(), heldOutLabels())).isGreaterThan(0.78);
	}

	@Test
	void shouldGiveProbabilitiesThatMatchTheObservedResponseRate() {
		double[] scores = heldOutScores();
		int[] outcomes = heldOutLabels();
		double meanPredicted = java.util.Arrays.stream(scores).average().orElseThrow();
		double observed = java.util.Arrays.stream(outcomes).average().orElseThrow();
		assertThat(meanPredicted).isCloseTo(observed, within(0.03));
		double top = 0;
		double topObserved = 0;
		int count = 0;
		for (int i = 0; i < scores.length; i++) {
			if (scores[i] > 0.4) {
				top += scores[i];
				topObserved += outcomes[i];
				count++;
			}
		}
		assertThat(top / count).isCloseTo(topObserved / count, within(0.06));
	}

	@Test
	void shouldCalibrateScoresOnHeldOutFoldsSoThatTheBrierScoreImproves() {
		Random random = new Random(3);
		int size = 4_000;
		double[] raw = new double[size];
		int[] outcomes = new int[size];
		for (int i = 0; i < size; i++) {
			double truth = random.nextDouble();
			raw[i] = truth * truth * truth;
			outcomes[i] = random.nextDouble() < truth ? 1 : 0;
		}
		int[] folds = ModelSelection.stratifiedFolds(outcomes, ModelSelection.FOLDS, 0);
		double[] calibrated = ModelSelection.crossFitted(raw, outcomes, folds);
		double before = ModelSelection.figures(ModelKind.GRADIENT_BOOSTING, raw, outcomes, "").brier();
		double after = ModelSelection.figures(ModelKind.GRADIENT_BOOSTING, calibrated, outcomes, "").brier();
		assertThat(after).isLessThan(before - 0.02);
		assertThat(java.util.Arrays.stream(calibrated).average().orElseThrow())
			.isCloseTo(java.util.Arrays.stream(outcomes).average().orElseThrow(), within(0.01));
	}

	@Test
	void shouldStratifyFoldsByOutcome() {
		int[] outcomes = labels.stream().mapToInt(Integer::intValue).toArray();
		int[] folds = ModelSelection.stratifiedFolds(outcomes, 5, 0);
		long positives = java.util.Arrays.stream(outcomes).sum();
		for (int fold = 0; fold < 5; fold++) {
			long inFold = 0;
			long positivesInFold = 0;
			for (int i = 0; i < folds.length; i++) {
				if (folds[i] == fold) {
					inFold++;
					positivesInFold += outcomes[i];
				}
			}
			assertThat(inFold).isEqualTo(800);
			assertThat(positivesInFold).isBetween(positives / 5, positives / 5 + 1);
		}
	}

	@Test
	void shouldBreakATieOfAucByTheBrierScore() {
		CandidateFigures logistic = new CandidateFigures(ModelKind.LOGISTIC, 0.7500, 0.090, 2.5, false, "");
		CandidateFigures trees = new CandidateFigures(ModelKind.GRADIENT_BOOSTING, 0.7510, 0.092, 2.6, false, "");
		List<CandidateFigures> listed = List.of(logistic, trees);
		assertThat(listed.stream().sorted(ModelSelection.championFirst(listed)).findFirst()).contains(logistic);
		CandidateFigures better = new CandidateFigures(ModelKind.GRADIENT_BOOSTING, 0.7600, 0.092, 2.6, false, "");
		List<CandidateFigures> clear = List.of(logistic, better);
		assertThat(clear.stream().sorted(ModelSelection.championFirst(clear)).findFirst()).contains(better);
	}

	@Test
	void shouldNameTheModelKindAndVersionInTheReason() {
		PropensityEstimator estimator = new PropensityEstimator(code -> Optional.of(model));
		PropensityEstimator.Estimate estimate = estimator.estimate(OfferFixture.anOffer("GOLD", "true", 0, 10),
				rows.get(0), Map.of());
		assertThat(estimate.basis()).startsWith("model GOLD gradient-boosting v7 (")
			.matches(".*\\((\\S+ [+-]\\d+\\.\\d\\d, ){2}\\S+ [+-]\\d+\\.\\d\\d\\)");
		assertThat(estimate.modelVersion()).isEqualTo("GOLD v7");
	}

	@Test
	void shouldReadAModelStoredBeforeModelKindsExisted() {
		// given a stored definition without the keys this version added
		tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
		tools.jackson.databind.node.ObjectNode definition = (tools.jackson.databind.node.ObjectNode) json
			.readTree(json.writeValueAsString(model));
		definition.remove(List.of("kind", "trees", "candidates"));
		((tools.jackson.databind.node.ObjectNode) definition.get("spec")).remove(List.of("candidates", "boosting"));
		// when
		PropensityModel stored = json.treeToValue(definition, PropensityModel.class);
		// then
		assertThat(stored.kind()).isEqualTo(ModelKind.LOGISTIC);
		assertThat(stored.spec().candidates()).containsExactly(ModelKind.LOGISTIC);
		assertThat(stored.spec().boosting()).isEqualTo(BoostingSettings.defaults());
	}

	@Test
	void shouldKeepTheTreesThroughStorage() {
		tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
		PropensityModel stored = json.readValue(json.writeValueAsString(model), PropensityModel.class);
		assertThat(stored.kind()).isEqualTo(ModelKind.GRADIENT_BOOSTING);
		assertThat(stored.candidates()).isEqualTo(model.candidates());
		assertThat(stored.score(rows.get(3_210))).isEqualTo(model.score(rows.get(3_210)));
	}

	@Test
	void shouldLoadCandidatesFromAModelFileAndRefuseBadValuesNamingFileLineAndKey() throws Exception {
		Path good = Files.writeString(this.folder.resolve("good.yml"), """
				bins: 4
				candidates: [logistic, gradient-boosting]
				gradient-boosting:
				  trees: 200
				  depth: 3
				  learning-rate: 0.1
				  early-stopping-rounds: 10
				""");
		ModelSpec spec = ModelSpec.load(good);
		assertThat(spec.candidates()).containsExactly(ModelKind.LOGISTIC, ModelKind.GRADIENT_BOOSTING);
		assertThat(spec.boosting()).isEqualTo(new BoostingSettings(200, 3, 0.1, 10));
		assertThat(ModelSpec.load(Files.writeString(this.folder.resolve("plain.yml"), "bins: 4\n")).candidates())
			.containsExactly(ModelKind.LOGISTIC);
		assertRefused("candidates: [logistic, forest]\n",
				":1: field 'candidates[1]': must be one of logistic, gradient-boosting, found 'forest'");
		assertRefused("candidates: []\n", ":1: field 'candidates': name at least one model kind");
		assertRefused("bins: 4\ngradient-boosting:\n  depth: 40\n",
				":3: field 'gradient-boosting.depth': must be between 1 and 12, found 40");
		assertRefused("gradient-boosting:\n  trees: 10\n  learning-rate: 0\n",
				":3: field 'gradient-boosting.learning-rate': must be more than 0 and at most 1, found 0");
	}

	private void assertRefused(String content, String message) throws Exception {
		Path file = Files.writeString(this.folder.resolve("bad.yml"), content);
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> ModelSpec.load(file))
			.withMessageStartingWith(file + message);
	}

	private static double[] heldOutScores() {
		return rows.subList(2_000, rows.size()).stream().mapToDouble(model::score).toArray();
	}

	private static int[] heldOutLabels() {
		return labels.subList(2_000, labels.size()).stream().mapToInt(Integer::intValue).toArray();
	}

}
