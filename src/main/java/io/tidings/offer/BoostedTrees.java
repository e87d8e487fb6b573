package io.tidings.offer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.jspecify.annotations.Nullable;

/**
 * Gradient-boosted trees (XGBoost) of a propensity model with their calibration. Trees
 * see the raw facts the {@link FeatureEncoder} chose: numeric facts as they are,
 * categorical ones one-hot over the values the encoder kept (others as {@code other}); a
 * missing value is left missing, and each split learns which way such customers go.
 * Stored with the model as XGBoost's own binary format.
 */
final class BoostedTrees {

	private static final String MODEL_FORMAT = "ubj";

	/**
	 * XGBoost's OpenMP threads spin while they wait: on a machine busy with other work,
	 * two threads on two cores were seventy times slower than one.
	 */
	private static final int THREADS = 1;

	private final byte[] model;

	private final int trees;

	private final IsotonicCalibration calibration;

	private final Booster booster;

	/** Built from the model's encoder at the first score. */
	private volatile @Nullable Layout layout;

	@JsonCreator
	BoostedTrees(@JsonProperty("model") byte[] model, @JsonProperty("trees") int trees,
			@JsonProperty("calibration") IsotonicCalibration calibration) {
		this.model = model;
		this.trees = trees;
		this.calibration = calibration;
		try {
			this.booster = XGBoost.loadModel(model);
			this.booster.setParam("nthread", THREADS);
		}
		catch (XGBoostError | java.io.IOException ex) {
			throw new IllegalStateException("Cannot read the trees of a propensity model: " + ex.getMessage(), ex);
		}
	}

	@JsonProperty("model")
	byte[] model() {
		return this.model;
	}

	@JsonProperty("trees")
	int trees() {
		return this.trees;
	}

	@JsonProperty("calibration")
	IsotonicCalibration calibration() {
		return this.calibration;
	}

	/** The calibrated probability of a response. */
	double probability(FeatureEncoder encoder, Map<String, Object> flat) {
		float[] row = layout(encoder).row(flat);
		try {
			return this.calibration.apply(this.booster.inplace_predict(row, 1, row.length, Float.NaN)[0][0]);
		}
		catch (XGBoostError ex) {
			throw new IllegalStateException("Cannot score with gradient-boosted trees: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The columns that moved this customer's log odds most (SHAP values), e.g.
	 * {@code poutcome=success +0.84}.
	 */
	List<String> explain(FeatureEncoder encoder, Map<String, Object> flat, int top) {
		float[] row = layout(encoder).row(flat);
		float[] contributions;
		DMatrix matrix = null;
		try {
			matrix = new DMatrix(row, 1, row.length, Float.NaN);
			contributions = this.booster.predictContrib(matrix, 0)[0];
		}
		catch (XGBoostError ex) {
			throw new IllegalStateException("Cannot explain a gradient-boosted score: " + ex.getMessage(), ex);
		}
		finally {
			if (matrix != null) {
				matrix.dispose();
			}
		}
		List<String> columns = columns(encoder);
		List<Integer> order = new ArrayList<>();
		for (int column = 0; column < columns.size(); column++) {
			order.add(column);
		}
		float[] values = contributions;
		return order.stream()
			.sorted(Comparator.comparingDouble((Integer column) -> -Math.abs(values[column])))
			.limit(top)
			.map(column -> String.format(Locale.ROOT, "%s %+.2f", columns.get(column), values[column]))
			.toList();
	}

	/** Column names: numeric features, then {@code feature=value} of categorical ones. */
	static List<String> columns(FeatureEncoder encoder) {
		List<String> columns = new ArrayList<>(new TreeMap<>(encoder.numeric()).keySet());
		new TreeMap<>(encoder.categorical()).forEach((name, known) -> {
			known.forEach(value -> columns.add(name + "=" + value));
			columns.add(name + "=" + FeatureEncoder.OTHER);
		});
		return columns;
	}

	/** The rows one after the other, as XGBoost reads a dense matrix. */
	static float[] matrix(FeatureEncoder encoder, List<Map<String, Object>> rows) {
		Layout layout = new Layout(encoder);
		float[] data = new float[rows.size() * layout.width];
		for (int i = 0; i < rows.size(); i++) {
			System.arraycopy(layout.row(rows.get(i)), 0, data, i * layout.width, layout.width);
		}
		return data;
	}

	/** The columns of an encoder's features, in order. */
	private static final class Layout {

		private final List<String> numeric;

		private final List<Map.Entry<String, List<String>>> categorical;

		private final int width;

		Layout(FeatureEncoder encoder) {
			this.numeric = List.copyOf(new TreeMap<>(encoder.numeric()).keySet());
			this.categorical = List.copyOf(new TreeMap<>(encoder.categorical()).entrySet());
			this.width = this.numeric.size()
					+ this.categorical.stream().mapToInt(feature -> feature.getValue().size() + 1).sum();
		}

		float[] row(Map<String, Object> flat) {
			float[] row = new float[this.width];
			int column = 0;
			for (String name : this.numeric) {
				Double value = FeatureEncoder.number(flat.get(name));
				row[column++] = (value != null) ? value.floatValue() : Float.NaN;
			}
			for (Map.Entry<String, List<String>> feature : this.categorical) {
				List<String> known = feature.getValue();
				Object raw = flat.get(feature.getKey());
				if (FeatureEncoder.isMissing(raw)) {
					Arrays.fill(row, column, column + known.size() + 1, Float.NaN);
				}
				else {
					int hit = known.indexOf(String.valueOf(raw));
					row[column + ((hit >= 0) ? hit : known.size())] = 1;
				}
				column += known.size() + 1;
			}
			return row;
		}

	}

	private Layout layout(FeatureEncoder encoder) {
		Layout known = this.layout;
		if (known == null) {
			known = new Layout(encoder);
			this.layout = known;
		}
		return known;
	}

	/**
	 * Grows trees on some rows, stopping when the log loss on the validation rows has not
	 * improved for the set number of rounds.
	 * @return the booster and the number of trees that did best on the validation rows
	 */
	static Grown grow(DMatrix all, int[] training, int[] validation, BoostingSettings settings) throws XGBoostError {
		DMatrix train = all.slice(training);
		DMatrix valid = all.slice(validation);
		try {
			Map<String, DMatrix> watches = new HashMap<>();
			watches.put("validation", valid);
			Booster booster = XGBoost.train(train, parameters(settings), settings.trees(), watches,
					new float[1][settings.trees()], null, null, settings.earlyStoppingRounds());
			String best = booster.getAttr("best_iteration");
			return new Grown(booster, (best != null) ? Integer.parseInt(best) + 1 : settings.trees());
		}
		finally {
			train.dispose();
			valid.dispose();
		}
	}

	/** Grows a fixed number of trees on every row. */
	static byte[] growAll(DMatrix all, int trees, BoostingSettings settings) throws XGBoostError {
		Booster booster = XGBoost.train(all, parameters(settings), trees, new HashMap<>(), null, null);
		try {
			return booster.toByteArray(MODEL_FORMAT);
		}
		finally {
			booster.dispose();
		}
	}

	private static Map<String, Object> parameters(BoostingSettings settings) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("objective", "binary:logistic");
		parameters.put("eval_metric", "logloss");
		parameters.put("tree_method", "hist");
		parameters.put("max_depth", settings.depth());
		parameters.put("eta", settings.learningRate());
		parameters.put("subsample", 0.8);
		parameters.put("colsample_bytree", 0.8);
		parameters.put("seed", 0);
		parameters.put("nthread", THREADS);
		parameters.put("verbosity", 0);
		// read by XGBoost4J itself: without it, every round's log loss is printed
		parameters.put("silent", "true");
		return parameters;
	}

	/**
	 * A booster grown with early stopping.
	 *
	 * @param booster the booster, with the rounds after the best one too
	 * @param trees the trees up to the best round
	 */
	record Grown(Booster booster, int trees) {

		float[] predict(float[] rows, int count, int width) throws XGBoostError {
			float[][] predictions = this.booster.inplace_predict(rows, count, width, Float.NaN,
					new int[] { 0, this.trees });
			float[] flat = new float[count];
			for (int i = 0; i < count; i++) {
				flat[i] = predictions[i][0];
			}
			return flat;
		}

	}

}
