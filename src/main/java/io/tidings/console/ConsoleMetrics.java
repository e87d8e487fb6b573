package io.tidings.console;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.tidings.outbox.CampaignFigures;
import io.tidings.outbox.CampaignFigures.GroupCount;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * Metrics for Prometheus from the ledger, which every process writes (so they count what
 * command-line runs did too): {@code tidings_documents{channel,state}} communications per
 * channel and state (rendered, sent, printed, failed...), read once per scrape (at most
 * every two seconds). Stage durations come from Spring Batch's own observations
 * ({@code spring_batch_step_seconds{spring_batch_step_name,...}}).
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleMetrics implements MeterBinder {

	private static final Duration FRESH = Duration.ofSeconds(2);

	private static final String[] CHANNELS = { "PRINT", "EMAIL", "SMS" };

	private static final String[] STATES = { "PLANNED", "RENDERED", "SENT", "PRINTED", "DELIVERED", "BOUNCED", "FAILED",
			"RESPONDED", "SUPPRESSED", "COMPLAINED" };

	private final CampaignFigures ledger;

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	private volatile long readAt;

	ConsoleMetrics(CampaignFigures ledger) {
		this.ledger = ledger;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String channel : CHANNELS) {
			for (String state : STATES) {
				String key = channel + "/" + state;
				Gauge.builder("tidings.documents", () -> count(key))
					.description("Communications in the ledger by channel and state")
					.tags(Tags.of("channel", channel.toLowerCase(Locale.ROOT), "state", state.toLowerCase(Locale.ROOT)))
					.register(registry);
			}
		}
	}

	private double count(String key) {
		long now = System.nanoTime();
		if (now - this.readAt > FRESH.toNanos()) {
			synchronized (this) {
				if (now - this.readAt > FRESH.toNanos()) {
					this.counts.values().forEach((value) -> value.set(0));
					for (GroupCount count : this.ledger.allByChannelAndState()) {
						this.counts.computeIfAbsent(count.group() + "/" + count.key(), (k) -> new AtomicLong())
							.set(count.count());
					}
					this.readAt = now;
				}
			}
		}
		AtomicLong value = this.counts.get(key);
		return (value != null) ? value.get() : 0;
	}

}
