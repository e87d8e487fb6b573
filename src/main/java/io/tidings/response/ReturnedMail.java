package io.tidings.response;

import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.tidings.customer.Customer;
import io.tidings.customer.PostalAddress;
import io.tidings.outbox.Communication;
import io.tidings.outbox.DeliveryEvent;

/**
 * A letter that came back, as a valid record of a returned-mail file.
 *
 * @param eventId identifies the return: the same return in another file is the same
 * @param letters the letters that came back: the one the file names, those in the
 * envelope it names, or the customer's latest printed ones; none when the customer had no
 * letter printed before
 * @param addressees their customers (the customer the file names when there is no letter)
 * @param reason why it came back (addressee unknown, moved, refused...)
 * @param newAddress the addressee's new address, when known
 * @param occurredAt when it came back
 * @param source the file
 * @param line the line in it
 */
record ReturnedMail(String eventId, List<Communication> letters, List<Customer> addressees, String reason,
		@Nullable PostalAddress newAddress, OffsetDateTime occurredAt, String source, long line) {

	/**
	 * The id of the return of one of its letters: the return's own when it is the only
	 * one.
	 */
	String eventIdOf(Communication letter) {
		return (this.letters.size() == 1) ? this.eventId : DeliveryEvent.idOf(this.eventId, letter.id().value());
	}

}
