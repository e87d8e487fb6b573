package io.tidings.campaign;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.offer.Offer;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.CommunicationPlan;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.Contact;
import io.tidings.outbox.ContactHistory;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.OutboxLedger;
import io.tidings.policy.ContactScheduler;
import io.tidings.policy.DailyCapacity;
import io.tidings.policy.ScheduleDecision;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The scheduling part of the decide stage: gives each planned communication of the run,
 * highest expected value first, the day it drops and the moment it may be sent, following
 * the contact policy; one that cannot go before its last possible day is suppressed with
 * the reason. Scheduled communications leave the reader's query, so a restarted step goes
 * on with the rest, and the day counts of capacity start from the ledger. A partition of
 * a partitioned run schedules its customers within its share of the daily capacity. A
 * chunk's customers and contact histories are read in one query each and its ledger
 * updates written in one batch: the contact histories count other runs only, so this
 * chunk's own updates change nothing they read. Only daily capacity makes the order
 * matter; a run without one is scheduled as it is planned, chunk by chunk, and its step
 * finds nothing left to schedule.
 */
class CommunicationScheduleWriter implements ItemWriter<Communication> {

	private final CampaignRunContext context;

	private final ContactScheduler scheduler;

	private final OutboxLedger ledger;

	private final ContactHistory history;

	private final CustomerRepository customers;

	private final Clock clock;

	private final @Nullable DecidePartition partition;

	private DailyCapacity capacity = DailyCapacity.unlimited();

	private boolean started;

	CommunicationScheduleWriter(CampaignRunContext context, OutboxLedger ledger, ContactHistory history,
			CustomerRepository customers, Clock clock, @Nullable DecidePartition partition) {
		this.context = context;
		this.scheduler = context.scheduler();
		this.ledger = ledger;
		this.history = history;
		this.customers = customers;
		this.clock = clock;
		this.partition = partition;
	}

	/**
	 * Whether the run's days have no capacity to share out: each communication's schedule
	 * then depends on it, its customer and their contacts with other runs alone, not on
	 * the order the communications are scheduled in, so the decide stage schedules them
	 * as it plans them ({@link #schedulePlanned}) and this step finds none left.
	 */
	boolean schedulesAtPlanning() {
		return this.context.definition().policy().dailyCapacity() == null;
	}

	@Override
	public void write(Chunk<? extends Communication> chunk) {
		Set<String> ids = new HashSet<>();
		chunk.forEach(communication -> ids.add(communication.customerId()));
		schedule(chunk.getItems().stream().map(Unscheduled::of).toList(), this.customers.findAllById(ids), true);
	}

	/**
	 * Schedules the planned communications of a chunk of the audience in the transaction
	 * that plans them; only when {@link #schedulesAtPlanning()}. One that finds no
	 * allowed day is left unscheduled, for the schedule step to suppress with the reason
	 * as it always did: a plan step resumed after a stop counts the offers taken so far
	 * from the ledger's unsuppressed rows, and must count it as the step before the stop
	 * did.
	 * @param customers the chunk's customers by id
	 */
	void schedulePlanned(List<CommunicationPlan> plans, Map<String, Customer> customers) {
		if (!schedulesAtPlanning()) {
			throw new IllegalStateException("A run with a daily capacity schedules its communications by value");
		}
		List<Unscheduled> planned = plans.stream()
			.filter(plan -> plan.state() == CommunicationState.PLANNED)
			.map(Unscheduled::of)
			.toList();
		Map<String, Customer> theirs = new HashMap<>();
		for (Unscheduled plan : planned) {
			Customer customer = customers.get(plan.customerId());
			if (customer != null) {
				theirs.put(customer.id(), customer);
			}
		}
		schedule(planned, theirs, false);
	}

	/**
	 * @param refuse whether one that finds no allowed day is suppressed now, or left for
	 * the schedule step
	 */
	private void schedule(List<Unscheduled> unscheduled, Map<String, Customer> found, boolean refuse) {
		Instant now = this.clock.instant();
		LocalDate firstDay = this.scheduler.firstDay(this.context.asOf(), now);
		LocalDate lastDay = this.scheduler.lastDay(firstDay);
		if (!this.started) {
			Long perDay = this.context.definition().policy().dailyCapacity();
			if (perDay == null) {
				this.capacity = DailyCapacity.unlimited();
			}
			else if (this.partition != null) {
				this.capacity = this.partition.dailyCapacity(perDay, firstDay, lastDay,
						this.history.otherRunsDropsPerDay(this.context.run(), firstDay, lastDay),
						this.history.dropsPerDay(this.context.run(), firstDay, lastDay, this.partition.customers()));
			}
			else {
				this.capacity = DailyCapacity.of(perDay,
						this.history.dropsPerDay(this.context.run(), firstDay, lastDay));
			}
			this.started = true;
		}
		Map<String, List<Contact>> contacts = this.history.marketingContacts(found.keySet(), this.context.run(),
				this.scheduler.historySince(firstDay));
		List<OutboxLedger.Drop> drops = new ArrayList<>();
		List<OutboxLedger.Suppression> suppressions = new ArrayList<>();
		for (Unscheduled communication : unscheduled) {
			Customer customer = found.get(communication.customerId());
			if (customer == null) {
				suppressions.add(new OutboxLedger.Suppression(communication.id(), "unknown-customer",
						"customer no longer exists"));
				continue;
			}
			Offer offer = (communication.offerCode() != null) ? this.context.offers()
				.offers()
				.stream()
				.filter(candidate -> candidate.code().equals(communication.offerCode()))
				.findFirst()
				.orElse(null) : null;
			LocalDate last = lastDay;
			String lastBecause = "policy.max-deferral-days " + this.context.definition().policy().maxDeferralDays();
			if (!communication.kind().legallyRequired() && offer != null && offer.validTo() != null
					&& offer.validTo().isBefore(lastDay)) {
				last = offer.validTo();
				lastBecause = "offer " + offer.code() + " valid to " + offer.validTo();
			}
			ScheduleDecision decision = this.scheduler.schedule(new ContactScheduler.Request(communication.channel(),
					communication.kind(), customer.address().country(), firstDay, last, lastBecause, now,
					contacts.getOrDefault(customer.id(), List.of())), this.capacity);
			if (decision instanceof ScheduleDecision.Scheduled scheduled) {
				drops.add(new OutboxLedger.Drop(communication.id(), scheduled.dropDate(), scheduled.notBefore(),
						scheduled.deferralCode(), scheduled.deferralReason()));
			}
			else if (refuse && decision instanceof ScheduleDecision.Refused refused) {
				suppressions.add(new OutboxLedger.Suppression(communication.id(), refused.code(), refused.reason()));
			}
		}
		this.ledger.schedule(drops);
		this.ledger.markSuppressed(suppressions);
	}

	/** What scheduling needs of a communication, planned now or earlier. */
	private record Unscheduled(CommunicationId id, String customerId, Channel channel, DocumentKind kind,
			@Nullable String offerCode) {

		static Unscheduled of(Communication communication) {
			return new Unscheduled(communication.id(), communication.customerId(), communication.channel(),
					communication.kind(), communication.offerCode());
		}

		static Unscheduled of(CommunicationPlan plan) {
			return new Unscheduled(plan.id(), plan.customerId(), plan.channel(), plan.kind(), plan.offerCode());
		}

	}

}
