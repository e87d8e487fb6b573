package io.tidings.response;

import io.tidings.customer.CustomerRepository;
import io.tidings.offer.ResponseScores;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.OutboxLedger;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Records responses and closes the loop: a response seen for the first time updates the
 * customer's score for the product, a purchase adds the product to the customer's
 * holdings, and the communication responded to is marked as such. A response seen before
 * changes nothing, so ingesting a file twice is harmless.
 */
class ContactResponseWriter implements ItemWriter<ContactResponse> {

	private final ContactResponseRepository responses;

	private final ResponseScores scores;

	private final CustomerRepository customers;

	private final OutboxLedger ledger;

	ContactResponseWriter(ContactResponseRepository responses, ResponseScores scores, CustomerRepository customers,
			OutboxLedger ledger) {
		this.responses = responses;
		this.scores = scores;
		this.customers = customers;
		this.ledger = ledger;
	}

	@Override
	public void write(Chunk<? extends ContactResponse> chunk) {
		for (ContactResponse response : chunk) {
			if (!this.responses.add(response)) {
				continue;
			}
			this.scores.record(response.customerId(), response.product(), response.outcome().signal());
			if (response.outcome() == ResponseOutcome.PURCHASED) {
				this.customers.addHolding(response.customerId(), response.product());
			}
			if (response.communicationId() != null) {
				this.ledger.markResponded(new CommunicationId(response.communicationId()));
			}
			else {
				this.ledger.findLatestOffer(response.customerId(), response.campaign(), response.product())
					.ifPresent(communication -> this.ledger.markResponded(communication.id()));
			}
		}
	}

}
