package io.tidings.campaign;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

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
 * outside the send window defers it to the next allowed moment. The deliver stage and
 * print preparation read the customers of a chunk (a page of print documents) and what
 * they allow once for the chunk ({@link #read}): an opt-out recorded elsewhere while a
 * chunk is being delivered is honoured from the next chunk on.
 */
class DeliveryGate {

	/** Customers read in one query. */
	private static final int BATCH = 500;

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
	 * Reads the customers of a chunk's communications and what they allow at once, for
	 * the chunk's gate checks (a handful of queries per {@value #BATCH} customers instead
	 * of five for every communication).
	 */
	ChunkGate read(List<? extends Communication> chunk) {
		List<String> ids = chunk.stream().map(Communication::customerId).distinct().toList();
		Map<String, Customer> found = new HashMap<>();
		for (int from = 0; from < ids.size(); from += BATCH) {
			found.putAll(this.customers.findAllById(ids.subList(from, Math.min(from + BATCH, ids.size()))));
		}
		return new ChunkGate(found, new ConcurrentHashMap<>(this.consents.permissions(found.values())));
	}

	/**
	 * The contact policy at a moment for pages of communications: each page's customers
	 * and what they allow read once ({@link #read}), then each communication checked.
	 */
	Function<List<Communication>, Predicate<Communication>> at(Instant now) {
		return (page) -> {
			ChunkGate gate = read(page);
			return (communication) -> gate.mayDeliver(communication, now);
		};
	}

	/**
	 * The gate for the communications of one chunk, checked on several delivery threads,
	 * with what their customers allowed when the chunk began. An opt-out recorded at the
	 * provider during the chunk is honoured by the customer's later communications of the
	 * chunk: their permissions are read again in the transaction that records it, so that
	 * a delivery thread reads nothing from the database by itself (the deliveries take
	 * one connection between them).
	 */
	final class ChunkGate {

		private final Map<String, Customer> customers;

		/**
		 * For each customer found, replaced when their consent changes during the chunk.
		 */
		private final Map<String, ContactPermissions> permissions;

		private ChunkGate(Map<String, Customer> customers, Map<String, ContactPermissions> permissions) {
			this.customers = customers;
			this.permissions = permissions;
		}

		/**
		 * Whether the communication may be sent now; when it may not, the ledger records
		 * why.
		 */
		boolean mayDeliver(Communication communication, Instant now) {
			return mayDeliver(communication, now, Runnable::run);
		}

		/**
		 * Whether the communication may be sent now; when it may not, why is handed to
		 * {@code records} as a ledger update to run later (the deliver stage records it
		 * in the transaction of its next hand-over; until then a resumed run would check
		 * the communication again and come to the same answer).
		 */
		boolean mayDeliver(Communication communication, Instant now, Consumer<Runnable> records) {
			Customer customer = this.customers.get(communication.customerId());
			if (customer == null) {
				records.accept(() -> DeliveryGate.this.ledger.markSuppressed(communication.id(), "unknown-customer",
						"customer no longer exists"));
				return false;
			}
			ContactPermissions permissions = this.permissions.get(customer.id());
			if (permissions == null) {
				throw new IllegalStateException("No permissions read for the customer of " + communication.id());
			}
			return passes(communication, customer, permissions, now, records);
		}

		/**
		 * The provider refused the communication because its recipient unsubscribed
		 * there: the opt-out is recorded for the customer on that channel, and the
		 * communication suppressed with the provider's words.
		 */
		void optedOutAtProvider(Communication communication, String reason) {
			DeliveryGate.this.consents.recordOptOut(communication.customerId(), communication.channel(),
					"provider:" + communication.channel().folder(),
					OffsetDateTime.ofInstant(DeliveryGate.this.clock.instant(), ZoneOffset.UTC));
			DeliveryGate.this.ledger.markSuppressed(communication.id(), ContactPermissions.Refusal.OPTED_OUT,
					"at delivery: " + communication.channel().folder()
							+ ": the recipient unsubscribed at the provider (" + reason + ")");
			Customer customer = this.customers.get(communication.customerId());
			if (customer != null) {
				this.permissions.put(customer.id(), DeliveryGate.this.consents.permissions(customer));
			}
		}

	}

	private boolean passes(Communication communication, Customer customer, ContactPermissions permissions, Instant now,
			Consumer<Runnable> records) {
		Optional<ContactPermissions.Refusal> refusal = permissions.refusal(communication.channel(),
				communication.kind());
		if (refusal.isPresent()) {
			ContactPermissions.Refusal refused = refusal.get();
			records.accept(() -> this.ledger.markSuppressed(communication.id(), refused.code(),
					"at delivery: " + communication.channel().folder() + ": " + refused.reason()));
			return false;
		}
		if (!this.context.definition().policy().configured()) {
			return true;
		}
		Optional<ContactScheduler.Deferral> deferral = this.scheduler.atDelivery(communication.channel(),
				customer.address().country(), now);
		deferral.ifPresent(held -> records.accept(() -> this.ledger.schedule(communication.id(),
				LocalDate.ofInstant(held.notBefore(), this.context.definition().schedule().zone()), held.notBefore(),
				held.code(), held.reason())));
		return deferral.isEmpty();
	}

}
