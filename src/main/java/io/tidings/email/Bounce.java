package io.tidings.email;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.Communication;

/**
 * What a delivery status notification says about one recipient, with the communication it
 * is about when Tidings can tell.
 *
 * @param eventId identifies this report: the same notification ingested again is the same
 * @param communication the communication that bounced, if found
 * @param customerId its customer, or the customer with that address
 * @param address the recipient's address
 * @param recipient the recipient's status
 * @param occurredAt when the server reported it
 * @param source the file or mailbox
 * @param line where the notification starts in it
 */
record Bounce(String eventId, @Nullable Communication communication, @Nullable String customerId, String address,
		DeliveryStatusNotification.Recipient recipient, OffsetDateTime occurredAt, String source, long line) {

}
