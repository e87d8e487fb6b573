package io.tidings.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LiftTests {

	@Test
	void shouldGiveTheDifferenceOfResponseRatesWithItsNinetyFivePercentInterval() {
		// given 10% of 1,000 contacted customers responded, and 5% of 1,000 held out
		Lift lift = new Lift(1000, 100, 1000, 50);
		// then
		assertThat(lift.difference()).isCloseTo(0.05, within(1e-12));
		assertThat(lift.low()).isCloseTo(0.027017, within(1e-6));
		assertThat(lift.high()).isCloseTo(0.072983, within(1e-6));
		assertThat(lift.relative()).isCloseTo(1.0, within(1e-12));
		assertThat(lift.significant()).isTrue();
	}

	@Test
	void shouldNotCallASmallDifferenceOnFewCustomersSignificant() {
		Lift lift = new Lift(20, 3, 10, 1);
		assertThat(lift.difference()).isCloseTo(0.05, within(1e-12));
		assertThat(lift.low()).isNegative();
		assertThat(lift.significant()).isFalse();
	}

	@Test
	void shouldNotMeasureWithoutAControlGroup() {
		Lift lift = new Lift(20, 3, 0, 0);
		assertThat(lift.measurable()).isFalse();
		assertThat(lift.significant()).isFalse();
		assertThat(lift.low()).isNaN();
	}

}
