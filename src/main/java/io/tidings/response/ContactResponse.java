package io.tidings.response;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * One response, as recorded in contact history.
 *
 * @param responseId hash of the response's fields: the same line ingested twice is one
 * response
 * @param customerId the customer
 * @param communicationId the communication responded to, when known
 * @param campaign the campaign, when known
 * @param product the product
 * @param outcome what the customer did
 * @param occurredAt when
 * @param channel the channel of the response, when known
 * @param sourceFile the file it came from
 * @param sourceLine its line in that file
 */
public record ContactResponse(String responseId, String customerId, @Nullable String communicationId,
		@Nullable String campaign, String product, ResponseOutcome outcome, OffsetDateTime occurredAt,
		@Nullable String channel, String sourceFile, long sourceLine) {

}
