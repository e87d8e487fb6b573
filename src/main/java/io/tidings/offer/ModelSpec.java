package io.tidings.offer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.YamlFiles;

/**
 * How a propensity model is built, from a model file
 * ({@code samples/bank-marketing/model.yml} is an example): <pre>
 * features: []            # facts and attributes to use; empty: all of them
 * exclude: [duration]     # never use these
 * bins: 4                 # quantile bins of numeric features
 * feature-bins: {day: 10} # other bin counts for some features
 * interactions:           # pairs of features whose combinations get their own weight
 *   - [contact, month]
 * regularisation: 0.1     # inverse strength of the L2 penalty (LIBLINEAR's C), or auto:
 *                         # the value with the best cross-validated AUC of a fixed grid
 * minimum-responses: 20   # positive and negative responses needed to train
 * candidates: [logistic, gradient-boosting]  # kinds fitted at each training, the best kept;
 *                         # default [logistic]
 * gradient-boosting:      # how trees are grown, when gradient-boosting is a candidate
 *   trees: 500            # the most trees; early stopping usually ends sooner
 *   depth: 4              # the deepest a tree grows
 *   learning-rate: 0.05   # how much each tree corrects the ones before
 *   early-stopping-rounds: 30  # rounds without a better validation log loss before stopping
 * </pre> With several candidates, each is evaluated by 5-fold cross-validation stratified
 * by outcome and the one with the highest AUC becomes the champion; when AUCs are within
 * {@value ModelSelection#AUC_TIE} of each other the lower Brier score wins, then the
 * earlier candidate in the list. The other candidates' figures are kept with the model.
 *
 * @param features features to use; empty for all customer facts and attributes
 * @param exclude features never to use
 * @param bins quantile bins per numeric feature
 * @param featureBins bins of some features, instead of {@code bins}
 * @param interactions pairs of features combined into one feature
 * @param regularisation LIBLINEAR's C: smaller means a stronger penalty on weights; 0 to
 * choose it by cross-validation
 * @param minimumResponses responses of each outcome (positive, negative) needed to train
 * @param candidates the kinds of model fitted and compared at each training
 * @param boosting how gradient-boosted trees are grown
 */
public record ModelSpec(List<String> features, List<String> exclude, int bins, Map<String, Integer> featureBins,
		List<List<String>> interactions, double regularisation, int minimumResponses, List<ModelKind> candidates,
		BoostingSettings boosting) {

	/** Values of C tried when the regularisation is chosen by cross-validation. */
	static final List<Double> REGULARISATION_GRID = List.of(0.02, 0.05, 0.1, 0.2, 0.5, 1.0);

	/** Identifying facts that never carry a signal and would only overfit. */
	static final List<String> NEVER = List.of("id", "city", "postcode", "tier");

	public ModelSpec {
		features = List.copyOf(features);
		exclude = List.copyOf(exclude);
		featureBins = Map.copyOf(featureBins);
		interactions = interactions.stream().map(List::copyOf).toList();
		// a model stored before candidates existed has neither
		candidates = (candidates != null && !candidates.isEmpty()) ? List.copyOf(candidates)
				: List.of(ModelKind.LOGISTIC);
		boosting = (boosting != null) ? boosting : BoostingSettings.defaults();
	}

	/** A logistic model only, with default tree settings. */
	public ModelSpec(List<String> features, List<String> exclude, int bins, Map<String, Integer> featureBins,
			List<List<String>> interactions, double regularisation, int minimumResponses) {
		this(features, exclude, bins, featureBins, interactions, regularisation, minimumResponses,
				List.of(ModelKind.LOGISTIC), BoostingSettings.defaults());
	}

	public static ModelSpec defaults() {
		return new ModelSpec(List.of(), List.of(), 4, Map.of(), List.of(), 0.1, 20);
	}

	/**
	 * Loads a model file.
	 * @throws InvalidInputException naming the file, line and key
	 */
	public static ModelSpec load(Path file) {
		SpecFile parsed = YamlFiles.read(file, SpecFile.class, "model.schema.json");
		ModelSpec defaults = defaults();
		int bins = (parsed.bins() != null) ? parsed.bins() : defaults.bins();
		if (bins < 2 || bins > 50) {
			throw new InvalidInputException(file, YamlFiles.lineOf(file, "bins"), "bins", "must be between 2 and 50");
		}
		double regularisation = regularisation(file, parsed.regularisation(), defaults.regularisation());
		Map<String, Integer> featureBins = (parsed.featureBins() != null) ? parsed.featureBins() : Map.of();
		featureBins.forEach((feature, count) -> {
			if (count < 2 || count > 50) {
				throw new InvalidInputException(file, YamlFiles.lineOf(file, "feature-bins." + feature),
						"feature-bins." + feature, "must be between 2 and 50");
			}
		});
		List<List<String>> interactions = (parsed.interactions() != null) ? parsed.interactions() : List.of();
		for (List<String> pair : interactions) {
			if (pair.size() != 2) {
				throw new InvalidInputException(file, YamlFiles.lineOf(file, "interactions"), "interactions",
						"each interaction is a pair of features, e.g. [contact, month]; found " + pair);
			}
		}
		return new ModelSpec((parsed.features() != null) ? parsed.features() : List.of(),
				(parsed.exclude() != null) ? parsed.exclude() : List.of(), bins, featureBins, interactions,
				regularisation,
				(parsed.minimumResponses() != null) ? parsed.minimumResponses() : defaults.minimumResponses(),
				ModelFileCandidates.candidates(file, parsed.candidates()),
				ModelFileCandidates.boosting(parsed.gradientBoosting()));
	}

	private static double regularisation(Path file, @Nullable String value, double fallback) {
		if (value == null) {
			return fallback;
		}
		if ("auto".equals(value)) {
			return 0;
		}
		try {
			double c = Double.parseDouble(value);
			if (c > 0) {
				return c;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidInputException(file, YamlFiles.lineOf(file, "regularisation"), "regularisation",
				"must be a number greater than 0, or auto");
	}

	int binsOf(String feature) {
		return this.featureBins.getOrDefault(feature, this.bins);
	}

	ModelSpec withRegularisation(double c) {
		return new ModelSpec(this.features, this.exclude, this.bins, this.featureBins, this.interactions, c,
				this.minimumResponses, this.candidates, this.boosting);
	}

	boolean uses(String feature) {
		return !NEVER.contains(feature) && !this.exclude.contains(feature)
				&& (this.features.isEmpty() || this.features.contains(feature));
	}

	private record SpecFile(@Nullable List<String> features, @Nullable List<String> exclude, @Nullable Integer bins,
			@Nullable Map<String, Integer> featureBins, @Nullable List<List<String>> interactions,
			@Nullable String regularisation, @Nullable Integer minimumResponses, @Nullable List<String> candidates,
			ModelFileCandidates.@Nullable BoostingFile gradientBoosting) {
	}

}
