package io.tidings;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the embedded database ({@code tidings.database.*}; its encryption key is
 * read before the application starts, see {@link EncryptedDatabase}).
 *
 * @param compactionInterval how often the embedded H2 database's file is compacted while
 * Tidings runs: H2 rewrites the live pages of its mostly dead chunks, 4 MiB a pass for up
 * to 250 ms, so that the file stays near the size of its data (H2 opened with
 * WRITE_DELAY=0 runs no housekeeping of its own); 0 turns it off
 */
@Validated
@ConfigurationProperties("tidings.database")
record DatabaseSettings(
		@DefaultValue("1s") @DurationMin(message = "must not be negative") Duration compactionInterval) {

}
