package io.tidings.email;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.Communication;
import io.tidings.outbox.DeliveryEvent;

/**
 * What a report says about one recipient (a bounce, a delay, a delivery, a complaint),
 * with the communication it is about when Tidings can tell.
 *
 * @param eventId identifies this report: the same report ingested again is the same
 * @param communication the communication it is about, if found
 * @param customerId its customer, or the customer with that address
 * @param address the recipient's address
 * @param kind what happened
 * @param status the RFC 3463 status ({@code 5.1.1}), or the complaint's feedback type
 * @param detail the server's reply (Diagnostic-Code), or the system that complained
 * @param occurredAt when the server reported it
 * @param source the file or mailbox
 * @param line where the report starts in it
 */
record Bounce(String eventId, @Nullable Communication communication, @Nullable String customerId, String address,
		DeliveryEvent.Kind kind, String status, @Nullable String detail, OffsetDateTime occurredAt, String source,
		long line) {

}
