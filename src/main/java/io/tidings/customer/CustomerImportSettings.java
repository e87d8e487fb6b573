package io.tidings.customer;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of customer and transaction imports ({@code tidings.import.*}).
 *
 * @param chunkSize records written per transaction
 * @param maxRejects rejected records after which an import stops as failed
 */
@Validated
@ConfigurationProperties("tidings.import")
public record CustomerImportSettings(@DefaultValue("500") @Min(1) int chunkSize,
		@DefaultValue("10000") @Min(0) long maxRejects) {

}
