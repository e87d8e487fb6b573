package io.tidings.response;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

import io.tidings.customer.Customer;
import io.tidings.customer.PostalAddress;
import io.tidings.outbox.CommunicationId;

/**
 * A letter that came back, as a valid record of a returned-mail file.
 *
 * @param eventId identifies the return: the same return in another file is the same
 * @param communicationId the letter, when the file names it
 * @param customer its addressee
 * @param reason why it came back (addressee unknown, moved, refused...)
 * @param newAddress the addressee's new address, when known
 * @param occurredAt when it came back
 * @param source the file
 * @param line the line in it
 */
record ReturnedMail(String eventId, @Nullable CommunicationId communicationId, Customer customer, String reason,
		@Nullable PostalAddress newAddress, OffsetDateTime occurredAt, String source, long line) {

}
