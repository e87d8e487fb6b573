package io.tidings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code tidings.clock.start}: the clock starts at the moment set and runs on from there.
 */
class ClockSettingsTests {

	@Test
	void shouldStartAtTheMomentSetAndRunOn() throws Exception {
		// given
		Instant monday = Instant.parse("2026-12-07T09:30:00Z");
		// when
		Clock clock = new ClockSettings(monday).clock();
		Instant first = clock.instant();
		Thread.sleep(20);
		Instant later = clock.instant();
		// then
		assertThat(first).isBetween(monday, monday.plusSeconds(5));
		assertThat(Duration.between(first, later)).isPositive();
	}

	@Test
	void shouldBeTheSystemClockWhenUnset() {
		assertThat(new ClockSettings(null).clock().instant()).isCloseTo(Instant.now(), within(Duration.ofSeconds(5)));
	}

}
