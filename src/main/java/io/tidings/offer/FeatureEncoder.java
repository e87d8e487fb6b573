package io.tidings.offer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Turns customer facts into the sparse feature vector of a propensity model: categorical
 * facts one-hot (rare values grouped as {@code other}), numeric facts as quantile bins
 * plus a standardised log value, and pairs of features as combined one-hot features. A
 * fact with the same value for every training customer carries nothing and is left out.
 * Fitted on training facts; its state is stored with the model so that scoring encodes
 * exactly as training did.
 *
 * @param numeric numeric features: bin edges, mean and spread of the log value
 * @param categorical categorical features: the values seen often enough
 * @param interactions feature pairs
 * @param tokens feature names in index order (index = position + 1)
 */
record FeatureEncoder(Map<String, Numeric> numeric, Map<String, List<String>> categorical,
		List<List<String>> interactions, List<String> tokens) {

	private static final int MINIMUM_COUNT = 3;

	static final String OTHER = "other";

	record Numeric(double[] edges, double mean, double spread) {
	}

	/**
	 * The facts a model of a product sees: a customer's facts with holdings as
	 * {@code holds:CODE} and free attributes by their own name (an attribute hides a fact
	 * of the same name, so that a file's {@code age} column is used when there is no date
	 * of birth), and the customer's affinity to the product (lift from what they hold).
	 * Holding the product itself is left out: a purchase adds the product to the
	 * holdings, so it would give the answer away.
	 */
	static Map<String, Object> flatten(Map<String, Object> facts, String product) {
		Map<String, Object> flat = new LinkedHashMap<>();
		facts.forEach((name, value) -> {
			if (!(value instanceof Map)) {
				flat.put(name, value);
			}
		});
		if (facts.get("holds") instanceof Map<?, ?> holdings) {
			holdings.forEach((code, held) -> {
				if (!product.equals(code)) {
					flat.put("holds:" + code, held);
				}
			});
		}
		if (facts.get("affinity") instanceof Map<?, ?> affinity) {
			flat.put("affinity", affinity.get(product));
		}
		if (facts.get("attr") instanceof Map<?, ?> attributes) {
			attributes.forEach((attribute, value) -> {
				if (!isMissing(value)) {
					flat.put(String.valueOf(attribute), value);
				}
			});
		}
		return flat;
	}

	static boolean isMissing(@Nullable Object value) {
		return value == null || "".equals(value) || Integer.valueOf(-1).equals(value);
	}

	static FeatureEncoder fit(List<Map<String, Object>> rows, ModelSpec spec) {
		Map<String, List<Object>> valuesByFeature = new TreeMap<>();
		for (Map<String, Object> row : rows) {
			row.forEach((name, value) -> {
				if (spec.uses(name) && !isMissing(value)) {
					valuesByFeature.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
				}
			});
		}
		Map<String, Numeric> numeric = new TreeMap<>();
		Map<String, List<String>> categorical = new TreeMap<>();
		valuesByFeature.forEach((name, values) -> {
			if (values.stream().map(String::valueOf).distinct().limit(2).count() < 2 && values.size() == rows.size()) {
				return;
			}
			if (values.stream().allMatch(value -> number(value) != null)) {
				numeric.put(name, numeric(values, spec.binsOf(name)));
			}
			else {
				Map<String, Integer> counts = new HashMap<>();
				values.forEach(value -> counts.merge(String.valueOf(value), 1, Integer::sum));
				List<String> kept = counts.entrySet()
					.stream()
					.filter(entry -> entry.getValue() >= MINIMUM_COUNT)
					.map(Map.Entry::getKey)
					.sorted()
					.toList();
				categorical.put(name, kept);
			}
		});
		List<List<String>> interactions = spec.interactions()
			.stream()
			.filter(pair -> valuesByFeature.containsKey(pair.get(0)) && valuesByFeature.containsKey(pair.get(1)))
			.toList();
		FeatureEncoder partial = new FeatureEncoder(numeric, categorical, interactions, List.of());
		TreeSet<String> tokens = new TreeSet<>();
		for (Map<String, Object> row : rows) {
			tokens.addAll(partial.active(row).keySet());
		}
		return new FeatureEncoder(numeric, categorical, interactions, List.copyOf(tokens));
	}

	/**
	 * The features of one customer, by token name, with their values.
	 */
	Map<String, Double> active(Map<String, Object> row) {
		Map<String, String> labels = new HashMap<>();
		Map<String, Double> active = new TreeMap<>();
		this.numeric.forEach((name, spec) -> {
			Double value = number(row.get(name));
			if (value == null) {
				labels.put(name, "missing");
				active.put(name + "=missing", 1.0);
				return;
			}
			int bin = 0;
			while (bin < spec.edges().length && value >= spec.edges()[bin]) {
				bin++;
			}
			labels.put(name, "#" + bin);
			active.put(name + "#" + bin, 1.0);
			active.put(name + "~", (signedLog(value) - spec.mean()) / spec.spread());
		});
		this.categorical.forEach((name, known) -> {
			Object raw = row.get(name);
			String value = isMissing(raw) ? "missing" : String.valueOf(raw);
			String label = (known.contains(value) || "missing".equals(value)) ? value : OTHER;
			labels.put(name, label);
			active.put(name + "=" + label, 1.0);
		});
		for (List<String> pair : this.interactions) {
			active.put(pair.get(0) + "*" + pair.get(1) + "=" + labels.get(pair.get(0)) + "|" + labels.get(pair.get(1)),
					1.0);
		}
		return active;
	}

	/**
	 * The sparse vector: indices (1-based, ascending) and values; tokens not seen in
	 * training are left out.
	 */
	Vector encode(Map<String, Object> row) {
		Map<String, Double> active = active(row);
		int[] indices = new int[active.size()];
		double[] values = new double[active.size()];
		int count = 0;
		for (Map.Entry<String, Double> entry : active.entrySet()) {
			int position = java.util.Collections.binarySearch(this.tokens, entry.getKey());
			if (position >= 0) {
				indices[count] = position + 1;
				values[count] = entry.getValue();
				count++;
			}
		}
		return new Vector(Arrays.copyOf(indices, count), Arrays.copyOf(values, count));
	}

	record Vector(int[] indices, double[] values) {
	}

	private static Numeric numeric(List<Object> values, int bins) {
		double[] sorted = values.stream().mapToDouble(value -> number(value)).sorted().toArray();
		TreeSet<Double> edges = new TreeSet<>();
		for (int bin = 1; bin < bins; bin++) {
			edges.add(sorted[(int) ((long) bin * sorted.length / bins)]);
		}
		double[] logs = Arrays.stream(sorted).map(FeatureEncoder::signedLog).toArray();
		double mean = Arrays.stream(logs).average().orElse(0);
		double spread = Math
			.sqrt(Arrays.stream(logs).map(value -> (value - mean) * (value - mean)).average().orElse(1));
		return new Numeric(edges.stream().mapToDouble(Double::doubleValue).toArray(), mean, (spread > 0) ? spread : 1);
	}

	private static double signedLog(double value) {
		return Math.signum(value) * Math.log1p(Math.abs(value));
	}

	static @Nullable Double number(@Nullable Object value) {
		if (value instanceof Number number) {
			return number.doubleValue();
		}
		if (value instanceof String text && !text.isEmpty()) {
			try {
				return new BigDecimal(text).doubleValue();
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

}
