package io.tidings.response;

import java.time.OffsetDateTime;

import io.tidings.customer.CustomerRepository;
import io.tidings.offer.ResponseScores;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.Communications;
import io.tidings.outbox.OutboxLedger;

import org.springframework.stereotype.Component;

/**
 * Records responses and closes the loop, for ingested files and the preference centre
 * alike: a response seen for the first time updates the customer's score for the product
 * at once, a purchase adds the product to the customer's holdings, and the communication
 * responded to is marked as such. A response seen before changes nothing, so ingesting a
 * file twice is harmless.
 */
@Component
public class ResponseRecorder {

	private final ContactResponseRepository responses;

	private final ResponseScores scores;

	private final CustomerRepository customers;

	private final OutboxLedger ledger;

	private final Communications communications;

	ResponseRecorder(ContactResponseRepository responses, ResponseScores scores, CustomerRepository customers,
			OutboxLedger ledger, Communications communications) {
		this.responses = responses;
		this.scores = scores;
		this.customers = customers;
		this.ledger = ledger;
		this.communications = communications;
	}

	/**
	 * Records that the recipient of a communication registered interest in its offer
	 * (outcome {@code interested}); registering again for the same communication changes
	 * nothing, whatever its source.
	 * @param source where it came from, e.g. {@code preference-centre}
	 * @return whether it was new
	 */
	public boolean recordInterest(Communication communication, String source, OffsetDateTime at) {
		String product = communication.offerCode();
		if (product == null) {
			throw new IllegalArgumentException("communication " + communication.id() + " carries no offer");
		}
		String id = ResponseRecordValidator.hash(communication.customerId(), communication.id().value(),
				ResponseOutcome.INTERESTED.name());
		return record(new ContactResponse(id, communication.customerId(), communication.id().value(),
				communication.run().campaign(), product, ResponseOutcome.INTERESTED, at, "web", source, 0));
	}

	/**
	 * Records a response unless the same one is recorded already.
	 * @return whether it was new
	 */
	public boolean record(ContactResponse response) {
		if (!this.responses.add(response)) {
			return false;
		}
		this.scores.record(response.customerId(), response.product(), response.outcome().signal());
		if (response.outcome() == ResponseOutcome.PURCHASED) {
			this.customers.addHolding(response.customerId(), response.product());
		}
		if (response.communicationId() != null) {
			this.ledger.markResponded(new CommunicationId(response.communicationId()));
		}
		else {
			this.communications.findLatestOffer(response.customerId(), response.campaign(), response.product())
				.ifPresent(communication -> this.ledger.markResponded(communication.id()));
		}
		return true;
	}

}
