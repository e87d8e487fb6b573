package io.tidings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The application's clock ({@code tidings.clock.*}).
 *
 * @param start the moment the application's clock starts at, running on from there
 * (ISO-8601, e.g. {@code 2026-12-07T09:30:00Z}); for rehearsing a later day, such as the
 * delivery pass of a run deferred over a weekend, on a copy of the home; unset: the
 * system clock
 */
@ConfigurationProperties("tidings.clock")
public record ClockSettings(@Nullable Instant start) {

	Clock clock() {
		Clock system = Clock.systemDefaultZone();
		Instant moment = this.start;
		return (moment != null) ? Clock.offset(system, Duration.between(system.instant(), moment)) : system;
	}

}
