package io.tidings.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook calls refused for a missing or invalid signature: each counted in the metric
 * {@code tidings.webhook.refused}, and logged at most once a minute with how many there
 * were since, so that a flood of forged calls cannot flood the log.
 */
final class RefusedCalls {

	private static final Logger logger = LoggerFactory.getLogger(TwilioWebhookController.class);

	private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

	private final Counter counter;

	private final Clock clock;

	private Instant lastLogged = Instant.MIN;

	private long unlogged;

	RefusedCalls(MeterRegistry registry, Clock clock) {
		this.counter = Counter.builder("tidings.webhook.refused")
			.description("Webhook calls refused for a missing or invalid signature")
			.register(registry);
		this.clock = clock;
	}

	/**
	 * Counts a refused call to this path; logs it unless one was logged within a minute.
	 */
	void refused(String path) {
		this.counter.increment();
		Instant now = this.clock.instant();
		long count;
		synchronized (this) {
			this.unlogged++;
			if (now.isBefore(this.lastLogged.plus(LOG_INTERVAL))) {
				return;
			}
			this.lastLogged = now;
			count = this.unlogged;
			this.unlogged = 0;
		}
		// the parameters may carry phone numbers and texts: only the path is logged
		logger.warn("Refused {} webhook call(s) without a valid X-Twilio-Signature since the last such warning, "
				+ "the latest to {}; next warning in a minute at the earliest (metric tidings_webhook_refused_total)",
				count, path);
	}

}
