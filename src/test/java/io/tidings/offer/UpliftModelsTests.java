package io.tidings.offer;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.tidings.offer.SyntheticUplift.Customer;
import io.tidings.offer.SyntheticUplift.Segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class UpliftModelsTests {

	@Test
	void shouldRankPersuadablesAboveSureThingsWhichPropensityRanksFirst() {
		// given a campaign with a planted uplift and a randomised control half
		List<Customer> customers = SyntheticUplift.generate(2000, 0.5, 7);
		// when
		UpliftLearner.Fit uplift = SyntheticUplift.fitUplift(customers, ModelSpec.defaults());
		SyntheticUplift.Scorer propensity = SyntheticUplift.fitPropensity(customers, ModelSpec.defaults());
		// then
		assertThat(mean(customers, Segment.PERSUADABLE, uplift::uplift))
			.isGreaterThan(mean(customers, Segment.SURE_THING, uplift::uplift) + 0.1);
		assertThat(mean(customers, Segment.DO_NOT_DISTURB, uplift::uplift)).isNegative();
		assertThat(mean(customers, Segment.SURE_THING, propensity::score))
			.isGreaterThan(mean(customers, Segment.PERSUADABLE, propensity::score));
	}

	@Test
	void shouldComputeTheQiniCoefficientAndCurveOfAHandCheckedExample() {
		// given six customers in score order: contacted, held out, alternately
		double[] scores = { 0.9, 0.8, 0.7, 0.6, 0.5, 0.4 };
		boolean[] treated = { true, false, true, false, true, false };
		int[] labels = { 1, 0, 1, 0, 0, 1 };
		// when: Q(k) = 0, 1, 1, 2, 2, 2, 2 - 1 x 3/3 = 1; the area under Q/N over k/N is
		// 8.5/36, the random line's (1/6)/2 = 3/36
		double qini = UpliftMetrics.qini(scores, treated, labels);
		double[] curve = UpliftMetrics.qiniCurve(scores, treated, labels);
		// then
		assertThat(qini).isCloseTo(5.5 / 36, within(1e-12));
		assertThat(curve).hasSize(11);
		assertThat(curve[0]).isZero();
		assertThat(curve[5]).isCloseTo(2.0 / 6, within(1e-12));
		assertThat(curve[10]).isCloseTo(1.0 / 6, within(1e-12));
		assertThat(UpliftMetrics.qini(new double[] { 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 }, treated, labels))
			.as("the reverse order")
			.isLessThan(qini);
	}

	@Test
	void shouldNotContactCustomersWhoseUpliftIsNotAboveZero() {
		PropensityEstimator.Uplift putOff = new PropensityEstimator.Uplift(-0.02, "uplift model TD v3");
		assertThat(DoNotDisturbPolicy.ruleOut(putOff))
			.contains("do not disturb: uplift -0.020 <= 0 from uplift model TD v3");
		assertThat(DoNotDisturbPolicy.ruleOut(new PropensityEstimator.Uplift(0, "m"))).isPresent();
		assertThat(DoNotDisturbPolicy.ruleOut(new PropensityEstimator.Uplift(0.01, "m"))).isEmpty();
	}

	private static double mean(List<Customer> customers, Segment segment,
			java.util.function.ToDoubleFunction<java.util.Map<String, Object>> score) {
		return customers.stream()
			.filter(customer -> customer.segment() == segment)
			.mapToDouble(customer -> score.applyAsDouble(customer.facts()))
			.average()
			.orElseThrow();
	}

}
