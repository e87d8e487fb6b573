package io.tidings.customer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of customer and transaction imports ({@code tidings.import.*}).
 *
 * @param chunkSize records written per transaction
 * @param maxRejects rejected records after which an import stops as failed
 */
@ConfigurationProperties("tidings.import")
public record CustomerImportSettings(@DefaultValue("500") int chunkSize, @DefaultValue("10000") long maxRejects) {

}
