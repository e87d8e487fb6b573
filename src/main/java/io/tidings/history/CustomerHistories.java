package io.tidings.history;

import java.util.Optional;

import io.tidings.campaign.AudiencePersonalData;
import io.tidings.customer.CustomerMerges;
import io.tidings.customer.CustomerPersonalData;
import io.tidings.customer.CustomerRepository;
import io.tidings.offer.ScorePersonalData;
import io.tidings.outbox.DeliveryEvents;
import io.tidings.outbox.LedgerPersonalData;
import io.tidings.outbox.Communications;
import io.tidings.policy.ConsentPersonalData;
import io.tidings.policy.ConsentRegistry;
import io.tidings.response.ContactResponseRepository;
import io.tidings.response.ResponsePersonalData;

import org.springframework.stereotype.Component;

/**
 * Builds a customer's history from the modules that own each part of it.
 */
@Component
public class CustomerHistories {

	private final CustomerRepository customers;

	private final CustomerMerges merges;

	private final Communications communications;

	private final DeliveryEvents deliveryEvents;

	private final ConsentRegistry consents;

	private final ContactResponseRepository responses;

	private final CustomerPersonalData customerData;

	private final LedgerPersonalData ledgerData;

	private final ResponsePersonalData responseData;

	private final ConsentPersonalData consentData;

	private final ScorePersonalData scoreData;

	private final AudiencePersonalData audienceData;

	CustomerHistories(CustomerRepository customers, CustomerMerges merges, Communications communications,
			DeliveryEvents deliveryEvents, ConsentRegistry consents, ContactResponseRepository responses,
			CustomerPersonalData customerData, LedgerPersonalData ledgerData, ResponsePersonalData responseData,
			ConsentPersonalData consentData, ScorePersonalData scoreData, AudiencePersonalData audienceData) {
		this.customers = customers;
		this.merges = merges;
		this.communications = communications;
		this.deliveryEvents = deliveryEvents;
		this.consents = consents;
		this.responses = responses;
		this.customerData = customerData;
		this.ledgerData = ledgerData;
		this.responseData = responseData;
		this.consentData = consentData;
		this.scoreData = scoreData;
		this.audienceData = audienceData;
	}

	/**
	 * The history of a customer, found by its id or the id of a source record merged into
	 * it.
	 */
	public Optional<CustomerHistory> find(String customerOrSourceId) {
		String id = this.customers.findIdBySource(customerOrSourceId).orElse(customerOrSourceId);
		return this.customers.findById(id)
			.map((customer) -> new CustomerHistory(customer, id.equals(customerOrSourceId) ? null : customerOrSourceId,
					this.merges.log(id), this.customers.household(id), this.consents.permissions(customer),
					this.communications.findByCustomer(id), this.consents.consentHistory(id),
					this.consents.suppressionsOf(customer), this.consents.statementPreferences(id),
					this.responses.findByCustomer(id), this.deliveryEvents.findByCustomer(id)));
	}

	/**
	 * Everything held on the customer with this id, as stored.
	 */
	public Optional<CustomerRecords> records(String customerId) {
		return this.customerData.customer(customerId)
			.map((customer) -> new CustomerRecords(customer, this.customerData.sourceRecords(customerId),
					this.customerData.transactions(customerId), this.ledgerData.communications(customerId),
					this.responseData.responses(customerId), this.consentData.consentEvents(customerId),
					this.consentData.statementPreferences(customerId), this.scoreData.responseScores(customerId),
					this.audienceData.audiences(customerId)));
	}

}
