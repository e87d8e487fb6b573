package io.tidings.campaign;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Communication;
import io.tidings.outbox.OutboxLedger;
import io.tidings.policy.ConsentRegistry;
import io.tidings.policy.ContactPermissions;
import io.tidings.policy.ContactScheduler;

/**
 * The contact policy checked once more at the moment of sending, for communications
 * planned earlier: an opt-out, a suppression list entry or a deceased or gone-away flag
 * recorded since then suppresses it; a delivery pass that runs on an avoided day or
 * outside the send window defers it to the next allowed moment.
 */
class DeliveryGate {

	private final CampaignRunContext context;

	private final CustomerRepository customers;

	private final ConsentRegistry consents;

	private final OutboxLedger ledger;

	private final ContactScheduler scheduler;

	private final Clock clock;

	DeliveryGate(CampaignRunContext context, CustomerRepository customers, ConsentRegistry consents,
			OutboxLedger ledger, Clock clock) {
		this.clock = clock;
		this.context = context;
		this.customers = customers;
		this.consents = consents;
		this.ledger = ledger;
		this.scheduler = context.scheduler();
	}

	/**
	 * Whether the communication may be sent now; when it may not, the ledger records why.
	 */
	boolean mayDeliver(Communication communication, Instant now) {
		Optional<Customer> customer = this.customers.findById(communication.customerId());
		if (customer.isEmpty()) {
			this.ledger.markSuppressed(communication.id(), "unknown-customer", "customer no longer exists");
			return false;
		}
		ContactPermissions permissions = this.consents.permissions(customer.get());
		Optional<ContactPermissions.Refusal> refusal = permissions.refusal(communication.channel(),
				communication.kind());
		if (refusal.isPresent()) {
			this.ledger.markSuppressed(communication.id(), refusal.get().code(),
					"at delivery: " + communication.channel().folder() + ": " + refusal.get().reason());
			return false;
		}
		if (!this.context.definition().policy().configured()) {
			return true;
		}
		Optional<ContactScheduler.Deferral> deferral = this.scheduler.atDelivery(communication.channel(),
				customer.get().address().country(), now);
		deferral.ifPresent(held -> this.ledger.schedule(communication.id(),
				LocalDate.ofInstant(held.notBefore(), this.context.definition().schedule().zone()), held.notBefore(),
				held.code(), held.reason()));
		return deferral.isEmpty();
	}

	/**
	 * The provider refused the communication because its recipient unsubscribed there:
	 * the opt-out is recorded for the customer on that channel, and the communication
	 * suppressed with the provider's words.
	 */
	void optedOutAtProvider(Communication communication, String reason) {
		this.consents.recordOptOut(communication.customerId(), communication.channel(),
				"provider:" + communication.channel().folder(),
				OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC));
		this.ledger.markSuppressed(communication.id(), ContactPermissions.Refusal.OPTED_OUT, "at delivery: "
				+ communication.channel().folder() + ": the recipient unsubscribed at the provider (" + reason + ")");
	}

}
