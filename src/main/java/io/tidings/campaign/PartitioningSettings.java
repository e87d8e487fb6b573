package io.tidings.campaign;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Scale-out settings ({@code tidings.partitioning.*}): with a broker URL, the select,
 * decide, render and deliver stages of campaign runs (and the placing of printed
 * documents) are split by customer-id range, and the customer import into groups of
 * records that share no key, into partitions that {@code tidings worker} processes run,
 * on this machine or others sharing the database and the home folder. Without one, a run
 * happens in one process, as always.
 *
 * @param brokerUrl the Apache Artemis broker, e.g. {@code tcp://broker.example:61616}
 * @param user user on the broker, if it asks for one
 * @param password password on the broker
 * @param queue the queue partitions are sent to
 * @param gridSize partitions per stage ({@code tidings run --partitions N}); more than
 * workers, so that a worker finishing early takes another partition instead of waiting
 * for the last one: 8 is four per worker for two workers
 * @param timeout how long a run waits for its partitions before it fails (running the
 * same command again resumes it); 0 to wait for as long as it takes
 * @param worker whether this process takes partitions ({@code tidings worker} sets it)
 */
@Validated
@ConfigurationProperties("tidings.partitioning")
record PartitioningSettings(@Nullable String brokerUrl, @Nullable String user, @Nullable String password,
		@DefaultValue("tidings.partitions") String queue, @DefaultValue("8") @Min(1) int gridSize,
		@DefaultValue("0s") @DurationMin(message = "must not be negative") Duration timeout,
		@DefaultValue("false") boolean worker) {

}
