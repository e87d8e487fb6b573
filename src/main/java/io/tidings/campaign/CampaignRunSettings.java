package io.tidings.campaign;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
@Validated
@ConfigurationProperties("tidings.run")
record CampaignRunSettings(@DefaultValue("100") @Min(1) int chunkSize,
		@DefaultValue("100") @Min(1) int deliveryChunkSize, @DefaultValue("3") @Min(0) int retries,
		@DefaultValue("1s") @DurationMin(message = "must not be negative") Duration retryDelay,
		@DefaultValue("100000") @Min(0) long maxFailedDocuments,
		@DefaultValue("0") @DecimalMin("0") double maxDeliveriesPerSecond, @DefaultValue("0") @Min(0) int renderThreads,
		@DefaultValue("16") @Min(1) int deliveryThreads) {

	int renderThreadCount() {
		return (this.renderThreads > 0) ? this.renderThreads : Runtime.getRuntime().availableProcessors();
	}

}
