package io.tidings.response;

import org.jspecify.annotations.Nullable;

import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.DeliveryEvent;
import io.tidings.outbox.DeliveryEvents;
import io.tidings.outbox.OutboxLedger;
import io.tidings.policy.ConsentRegistry;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Applies returned mail, each return once: its letters become {@code BOUNCED}; a new
 * address replaces each addressee's, so the next letter goes there; without one, the
 * address is gone-away and no more post goes to it until the customer's address changes.
 */
class ReturnedMailItemWriter implements ItemWriter<ReturnedMail> {

	private final OutboxLedger ledger;

	private final DeliveryEvents events;

	private final ConsentRegistry consents;

	private final CustomerRepository customers;

	ReturnedMailItemWriter(OutboxLedger ledger, DeliveryEvents events, ConsentRegistry consents,
			CustomerRepository customers) {
		this.ledger = ledger;
		this.events = events;
		this.consents = consents;
		this.customers = customers;
	}

	@Override
	public void write(Chunk<? extends ReturnedMail> chunk) {
		for (ReturnedMail returned : chunk) {
			if (!record(returned)) {
				continue;
			}
			for (Communication letter : returned.letters()) {
				this.ledger.markBounced(letter.id(), "returned-mail", "returned mail: " + returned.reason());
			}
			for (Customer addressee : returned.addressees()) {
				if (returned.newAddress() != null) {
					this.customers.changeAddress(addressee.id(), returned.newAddress());
				}
				else {
					this.consents.recordGoneAway(addressee, "returned-mail:" + returned.source(),
							returned.occurredAt());
				}
			}
		}
	}

	/**
	 * Records the return of each letter in the delivery history of its customer.
	 * @return whether any of them was new
	 */
	private boolean record(ReturnedMail returned) {
		if (returned.letters().isEmpty()) {
			return this.events.record(event(returned, returned.eventId(), null, returned.addressees().get(0).id()));
		}
		boolean recorded = false;
		for (Communication letter : returned.letters()) {
			recorded |= this.events
				.record(event(returned, returned.eventIdOf(letter), letter.id().value(), letter.customerId()));
		}
		return recorded;
	}

	private static DeliveryEvent event(ReturnedMail returned, String eventId, @Nullable String communicationId,
			String customerId) {
		return new DeliveryEvent(eventId, communicationId, customerId, Channel.PRINT, DeliveryEvent.Kind.RETURNED_MAIL,
				null, returned.reason(), null, returned.occurredAt(), returned.source(), returned.line());
	}

}
