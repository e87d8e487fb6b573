package io.tidings.offer;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.tidings.offer.SyntheticUplift.Customer;
import io.tidings.offer.SyntheticUplift.Segment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ranking by uplift against ranking by propensity on a synthetic campaign with a known
 * true uplift per customer ({@link SyntheticUplift}: 25% persuadables, 20% sure things,
 * 40% lost causes, 15% do-not-disturbs; half held out at random). Both models are trained
 * by the engine's own code (the uplift model's T-learner, the propensity model's logistic
 * regression over every customer's outcome) on one half and measured on the other: Qini
 * coefficient and curve, and the share of do-not-disturbs among the top 30% each ranking
 * would contact, over five seeds.
 *
 * <p>
 * Run with {@code ./mvnw -B -o -Pbench test -Dtest=UpliftBenchmark}.
 */
@Tag("benchmark")
class UpliftBenchmark {

	private static final int CUSTOMERS = 40_000;

	private static final double CONTACT_VOLUME = 0.3;

	private static final long[] SEEDS = { 1, 2, 3, 4, 5 };

	@Test
	void shouldTargetPersuadablesAndSpareTheDoNotDisturbs() {
		double[] qini = new double[2];
		double[] doNotDisturb = new double[2];
		double[][] curves = new double[2][11];
		for (long seed : SEEDS) {
			List<Customer> all = SyntheticUplift.generate(CUSTOMERS, 0.5, seed);
			List<Customer> training = all.subList(0, CUSTOMERS / 2);
			List<Customer> test = all.subList(CUSTOMERS / 2, CUSTOMERS);
			long started = System.nanoTime();
			UpliftLearner.Fit uplift = SyntheticUplift.fitUplift(training, ModelSpec.defaults());
			SyntheticUplift.Scorer propensity = SyntheticUplift.fitPropensity(training, ModelSpec.defaults());
			double seconds = (System.nanoTime() - started) / 1e9;
			double[][] scores = { test.stream().mapToDouble(customer -> uplift.uplift(customer.facts())).toArray(),
					test.stream().mapToDouble(customer -> propensity.score(customer.facts())).toArray() };
			boolean[] treated = new boolean[test.size()];
			IntStream.range(0, test.size()).forEach(i -> treated[i] = test.get(i).treated());
			int[] labels = test.stream().mapToInt(Customer::label).toArray();
			double[] seedQini = new double[2];
			double[] seedShare = new double[2];
			for (int ranking = 0; ranking < 2; ranking++) {
				seedQini[ranking] = UpliftMetrics.qini(scores[ranking], treated, labels);
				seedShare[ranking] = doNotDisturbShare(scores[ranking], test);
				qini[ranking] += seedQini[ranking] / SEEDS.length;
				doNotDisturb[ranking] += seedShare[ranking] / SEEDS.length;
				double[] curve = UpliftMetrics.qiniCurve(scores[ranking], treated, labels);
				for (int point = 0; point < curve.length; point++) {
					curves[ranking][point] += curve[point] / SEEDS.length;
				}
			}
			System.out.printf(Locale.ROOT,
					"seed %d: Qini uplift %.4f, propensity %.4f; do-not-disturbs in the top %.0f%%: uplift %.1f%%, "
							+ "propensity %.1f%%; both trained on %,d customers in %.1f s%n",
					seed, seedQini[0], seedQini[1], CONTACT_VOLUME * 100, seedShare[0] * 100, seedShare[1] * 100,
					training.size(), seconds);
		}
		System.out.printf(Locale.ROOT,
				"mean over %d seeds: Qini uplift %.4f, propensity %.4f (%.1fx); do-not-disturbs contacted at %.0f%% "
						+ "volume: uplift %.1f%%, propensity %.1f%% of the contacted (%.0f%% of the population)%n",
				SEEDS.length, qini[0], qini[1], qini[0] / qini[1], CONTACT_VOLUME * 100, doNotDisturb[0] * 100,
				doNotDisturb[1] * 100, Segment.DO_NOT_DISTURB.share * 100);
		System.out.println("Qini curve (incremental responders per customer at 0%, 10% .. 100% contacted):");
		System.out.println("  uplift     " + points(curves[0]));
		System.out.println("  propensity " + points(curves[1]));
		assertThat(qini[0]).as("Qini of uplift against twice propensity's").isGreaterThanOrEqualTo(2 * qini[1]);
		assertThat(doNotDisturb[0]).as("do-not-disturbs contacted").isLessThan(doNotDisturb[1]);
	}

	/** Share of do-not-disturbs among the customers a ranking contacts first. */
	private static double doNotDisturbShare(double[] scores, List<Customer> customers) {
		Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
		Arrays.sort(order, Comparator.comparingDouble(i -> -scores[i]));
		int contacted = (int) Math.round(scores.length * CONTACT_VOLUME);
		long count = Arrays.stream(order, 0, contacted)
			.filter(i -> customers.get(i).segment() == Segment.DO_NOT_DISTURB)
			.count();
		return (double) count / contacted;
	}

	private static String points(double[] curve) {
		return String.join(" ",
				Arrays.stream(curve).mapToObj(value -> String.format(Locale.ROOT, "%.4f", value)).toList());
	}

}
