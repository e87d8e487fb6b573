package io.tidings.campaign;

import java.time.Duration;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of campaign runs ({@code tidings.run.*}).
 *
 * @param chunkSize items per transaction in the select, decide and render stages
 * @param deliveryChunkSize communications per transaction in the deliver stage (each
 * delivery is recorded at once in a transaction of its own, whatever the chunk size); a
 * chunk is shared out among the delivery threads and waits for its slowest delivery, so
 * it holds many deliveries per thread to keep them all busy
 * @param retries retries of a transient transport failure for one communication
 * @param retryDelay delay before the first retry, doubled for each next one
 * @param maxFailedDocuments documents that may fail to render before the run stops
 * @param maxDeliveriesPerSecond pace of the deliver stage, for relays and providers that
 * limit senders; 0 for no limit
 * @param renderThreads documents rendered at the same time in the render stage; 0 for one
 * per processor
 * @param deliveryThreads communications handed to their transports at the same time in
 * the deliver stage (each thread keeps its own SMTP connection); 1 delivers on the step's
 * thread; a crash leaves at most one communication per delivery thread in doubt
 */
@ConfigurationProperties("tidings.run")
record CampaignRunSettings(@DefaultValue("100") int chunkSize, @DefaultValue("100") int deliveryChunkSize,
		@DefaultValue("3") int retries, @DefaultValue("1s") Duration retryDelay,
		@DefaultValue("100000") long maxFailedDocuments, @DefaultValue("0") double maxDeliveriesPerSecond,
		@DefaultValue("0") int renderThreads, @DefaultValue("4") int deliveryThreads) {

	CampaignRunSettings {
		atLeast("chunk-size", chunkSize, 1);
		atLeast("delivery-chunk-size", deliveryChunkSize, 1);
		atLeast("retries", retries, 0);
		atLeast("max-failed-documents", maxFailedDocuments, 0);
		atLeast("max-deliveries-per-second", maxDeliveriesPerSecond, 0);
		atLeast("render-threads", renderThreads, 0);
		atLeast("delivery-threads", deliveryThreads, 1);
		if (retryDelay.isNegative()) {
			throw new IllegalArgumentException("tidings.run.retry-delay must not be negative, not " + retryDelay);
		}
	}

	private static void atLeast(String name, double value, double least) {
		if (value < least) {
			throw new IllegalArgumentException(String.format(Locale.ROOT, "tidings.run.%s must be at least %s, not %s",
					name, number(least), number(value)));
		}
	}

	private static String number(double value) {
		return (value == Math.rint(value)) ? String.valueOf((long) value) : String.valueOf(value);
	}

	int renderThreadCount() {
		return (this.renderThreads > 0) ? this.renderThreads : Runtime.getRuntime().availableProcessors();
	}

}
