package io.tidings.response;

import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Channel;
import io.tidings.outbox.DeliveryEvent;
import io.tidings.outbox.DeliveryEvents;
import io.tidings.outbox.OutboxLedger;
import io.tidings.policy.ConsentRegistry;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Applies returned mail, each return once: the letter becomes {@code BOUNCED}; a new
 * address replaces the customer's, so the next letter goes there; without one, the
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
			boolean recorded = this.events.record(new DeliveryEvent(returned.eventId(),
					(returned.communicationId() != null) ? returned.communicationId().value() : null,
					returned.customer().id(), Channel.PRINT, DeliveryEvent.Kind.RETURNED_MAIL, null, returned.reason(),
					null, returned.occurredAt(), returned.source(), returned.line()));
			if (!recorded) {
				continue;
			}
			if (returned.communicationId() != null) {
				this.ledger.markBounced(returned.communicationId(), "returned-mail",
						"returned mail: " + returned.reason());
			}
			if (returned.newAddress() != null) {
				this.customers.changeAddress(returned.customer().id(), returned.newAddress());
			}
			else {
				this.consents.recordGoneAway(returned.customer(), "returned-mail:" + returned.source(),
						returned.occurredAt());
			}
		}
	}

}
