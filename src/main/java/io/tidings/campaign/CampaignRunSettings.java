package io.tidings.campaign;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of campaign runs ({@code tidings.run.*}).
 *
 * @param chunkSize items per transaction in the select, decide and render stages
 * @param deliveryChunkSize communications per transaction in the deliver stage (each
 * delivery is recorded at once in a transaction of its own, whatever the chunk size)
 * @param retries retries of a transient transport failure for one communication
 * @param retryDelay delay before the first retry, doubled for each next one
 * @param maxFailedDocuments documents that may fail to render before the run stops
 * @param maxDeliveriesPerSecond pace of the deliver stage, for relays and providers that
 * limit senders; 0 for no limit
 * @param renderThreads documents rendered at the same time in the render stage; 0 for one
 * per processor
 */
@ConfigurationProperties("tidings.run")
record CampaignRunSettings(@DefaultValue("100") int chunkSize, @DefaultValue("20") int deliveryChunkSize,
		@DefaultValue("3") int retries, @DefaultValue("1s") Duration retryDelay,
		@DefaultValue("100000") long maxFailedDocuments, @DefaultValue("0") double maxDeliveriesPerSecond,
		@DefaultValue("0") int renderThreads) {

	int renderThreadCount() {
		return (this.renderThreads > 0) ? this.renderThreads : Runtime.getRuntime().availableProcessors();
	}

}
