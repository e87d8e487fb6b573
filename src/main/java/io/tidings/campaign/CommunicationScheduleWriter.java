package io.tidings.campaign;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.offer.Offer;
import io.tidings.outbox.Communication;
import io.tidings.outbox.ContactHistory;
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
 * a partitioned run schedules its customers within its share of the daily capacity.
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

	@Override
	public void write(Chunk<? extends Communication> chunk) {
		Instant now = this.clock.instant();
		LocalDate firstDay = this.scheduler.firstDay(this.context.asOf(), now);
		LocalDate lastDay = this.scheduler.lastDay(firstDay);
		if (!this.started) {
			Long perDay = this.context.definition().policy().dailyCapacity();
			this.capacity = (this.partition != null)
					? this.partition.dailyCapacity(perDay, firstDay, lastDay,
							this.history.otherRunsDropsPerDay(this.context.run(), firstDay, lastDay),
							this.history.dropsPerDay(this.context.run(), firstDay, lastDay, this.partition.customers()))
					: DailyCapacity.of(perDay, this.history.dropsPerDay(this.context.run(), firstDay, lastDay));
			this.started = true;
		}
		for (Communication communication : chunk) {
			Customer customer = this.customers.findById(communication.customerId()).orElse(null);
			if (customer == null) {
				this.ledger.markSuppressed(communication.id(), "unknown-customer", "customer no longer exists");
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
					communication.kind(), customer.address().country(), firstDay, last, lastBecause, now, this.history
						.marketingContacts(customer.id(), this.context.run(), this.scheduler.historySince(firstDay))),
					this.capacity);
			if (decision instanceof ScheduleDecision.Scheduled scheduled) {
				this.ledger.schedule(communication.id(), scheduled.dropDate(), scheduled.notBefore(),
						scheduled.deferralCode(), scheduled.deferralReason());
			}
			else if (decision instanceof ScheduleDecision.Refused refused) {
				this.ledger.markSuppressed(communication.id(), refused.code(), refused.reason());
			}
		}
	}

}
