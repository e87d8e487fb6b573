package io.tidings.offer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Customers of a campaign with a randomised control group whose true uplift is known:
 * each is a persuadable (buys mostly when contacted), a sure thing (buys either way), a
 * lost cause (hardly ever buys) or a do-not-disturb (buys less when contacted); the
 * segment drives the facts (engagement, age, web use), so a model can learn it only from
 * them, never see it; region and income are noise.
 */
final class SyntheticUplift {

	enum Segment {

		PERSUADABLE(0.25, 0.35, 0.05), SURE_THING(0.20, 0.55, 0.55), LOST_CAUSE(0.40, 0.02, 0.02),
		DO_NOT_DISTURB(0.15, 0.05, 0.25);

		final double share;

		final double treatedRate;

		final double controlRate;

		Segment(double share, double treatedRate, double controlRate) {
			this.share = share;
			this.treatedRate = treatedRate;
			this.controlRate = controlRate;
		}

		double trueUplift() {
			return this.treatedRate - this.controlRate;
		}

	}

	/**
	 * One customer.
	 *
	 * @param facts flattened facts, as the encoder takes them
	 * @param segment the hidden segment
	 * @param treated whether the customer was contacted
	 * @param label whether the customer bought
	 */
	record Customer(Map<String, Object> facts, Segment segment, boolean treated, int label) {
	}

	private SyntheticUplift() {
	}

	/**
	 * @param customers how many
	 * @param controlShare share held out at random
	 */
	static List<Customer> generate(int customers, double controlShare, long seed) {
		Random random = new Random(seed);
		List<Customer> all = new ArrayList<>(customers);
		for (int i = 0; i < customers; i++) {
			Segment segment = segment(random.nextDouble());
			Map<String, Object> facts = new LinkedHashMap<>();
			facts.put("engagement", pick(random, switch (segment) {
				case PERSUADABLE -> new double[] { 0.15, 0.65, 0.20 };
				case SURE_THING -> new double[] { 0.05, 0.25, 0.70 };
				case LOST_CAUSE -> new double[] { 0.60, 0.30, 0.10 };
				case DO_NOT_DISTURB -> new double[] { 0.45, 0.40, 0.15 };
			}, "low", "medium", "high"));
			double meanAge = switch (segment) {
				case PERSUADABLE -> 32;
				case SURE_THING -> 50;
				case LOST_CAUSE -> 45;
				case DO_NOT_DISTURB -> 66;
			};
			facts.put("age", (int) Math.round(meanAge + 9 * random.nextGaussian()));
			double web = switch (segment) {
				case PERSUADABLE -> 0.75;
				case DO_NOT_DISTURB -> 0.2;
				default -> 0.5;
			};
			facts.put("web", random.nextDouble() < web ? "yes" : "no");
			facts.put("region", "R" + random.nextInt(5));
			facts.put("income", 1500 + random.nextInt(4000));
			boolean treated = random.nextDouble() >= controlShare;
			double rate = treated ? segment.treatedRate : segment.controlRate;
			all.add(new Customer(facts, segment, treated, random.nextDouble() < rate ? 1 : 0));
		}
		return all;
	}

	private static Segment segment(double draw) {
		double cumulative = 0;
		for (Segment segment : Segment.values()) {
			cumulative += segment.share;
			if (draw < cumulative) {
				return segment;
			}
		}
		return Segment.LOST_CAUSE;
	}

	private static String pick(Random random, double[] weights, String... values) {
		double draw = random.nextDouble();
		double cumulative = 0;
		for (int i = 0; i < weights.length; i++) {
			cumulative += weights[i];
			if (draw < cumulative) {
				return values[i];
			}
		}
		return values[values.length - 1];
	}

	static UpliftLearner.Fit fitUplift(List<Customer> training, ModelSpec spec) {
		boolean[] treated = new boolean[training.size()];
		for (int i = 0; i < treated.length; i++) {
			treated[i] = training.get(i).treated();
		}
		return UpliftLearner.fit(training.stream().map(Customer::facts).toList(), treated,
				training.stream().mapToInt(Customer::label).toArray(), spec);
	}

	/**
	 * The propensity model as the engine trains it from every customer's outcome,
	 * contacted or not: the probability of buying, whoever buys.
	 */
	static Scorer fitPropensity(List<Customer> training, ModelSpec spec) {
		List<Map<String, Object>> rows = training.stream().map(Customer::facts).toList();
		FeatureEncoder encoder = FeatureEncoder.fit(rows, spec);
		double[] weights = PropensityModels.fit(rows.stream().map(encoder::encode).toList(),
				training.stream().map(Customer::label).toList(), encoder.tokens().size(), spec);
		return facts -> {
			FeatureEncoder.Vector vector = encoder.encode(facts);
			double sum = weights[weights.length - 1];
			for (int i = 0; i < vector.indices().length; i++) {
				sum += weights[vector.indices()[i] - 1] * vector.values()[i];
			}
			return sum;
		};
	}

	interface Scorer {

		double score(Map<String, Object> facts);

	}

}
