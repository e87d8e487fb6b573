package io.tidings.email;

import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidings.outbox.Channel;
import io.tidings.outbox.DeliveryEvent;
import io.tidings.outbox.DeliveryEvents;
import io.tidings.outbox.OutboxLedger;
import io.tidings.policy.ConsentRegistry;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Applies bounces, each once however often it is ingested. A hard bounce (5.x.x), or the
 * soft bounce (4.x.x) that makes the address's failed deliveries reach the limit (several
 * reports about one email count once), marks the email {@code BOUNCED} and puts the
 * address on the email suppression list, once, so no later run emails it; a soft bounce
 * below the limit is noted on the email; a success report marks it {@code DELIVERED}. A
 * complaint (the recipient reported it as spam) marks the email {@code COMPLAINED} and
 * puts the address on the email suppression list for marketing. Delay warnings and relay
 * reports change nothing. Every report is kept in the contact history.
 */
class BounceItemWriter implements ItemWriter<List<Bounce>> {

	private static final Logger logger = LoggerFactory.getLogger(BounceItemWriter.class);

	private final OutboxLedger ledger;

	private final DeliveryEvents events;

	private final ConsentRegistry consents;

	private final int softLimit;

	BounceItemWriter(OutboxLedger ledger, DeliveryEvents events, ConsentRegistry consents, int softLimit) {
		this.ledger = ledger;
		this.events = events;
		this.consents = consents;
		this.softLimit = softLimit;
	}

	@Override
	public void write(Chunk<? extends List<Bounce>> chunk) {
		for (List<Bounce> bounces : chunk) {
			bounces.forEach(this::apply);
		}
	}

	private void apply(Bounce bounce) {
		String addressKey = bounce.address().strip().toLowerCase(Locale.ROOT);
		DeliveryEvent.Kind kind = bounce.kind();
		String communicationId = (bounce.communication() != null) ? bounce.communication().id().value() : null;
		boolean recorded = this.events
			.record(new DeliveryEvent(bounce.eventId(), communicationId, bounce.customerId(), Channel.EMAIL, kind,
					bounce.status(), bounce.detail(), addressKey, bounce.occurredAt(), bounce.source(), bounce.line()));
		if (!recorded) {
			return;
		}
		if (bounce.communication() == null) {
			logger.info("Report {} {} at line {} of {} names no email Tidings sent", kind, bounce.status(),
					bounce.line(), bounce.source());
		}
		String reason = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + bounce.status()
				+ ((bounce.detail() != null) ? ": " + bounce.detail() : "");
		switch (kind) {
			case DELIVERED -> {
				if (bounce.communication() != null) {
					this.ledger.markReceived(bounce.communication().id());
				}
			}
			case HARD_BOUNCE -> undeliverable(bounce, "hard-bounce", reason, "bounce:" + bounce.status());
			case COMPLAINT -> {
				if (bounce.communication() != null) {
					this.ledger.markComplained(bounce.communication().id(), reason);
				}
				this.consents.recordComplaint(bounce.address(), "complaint:" + bounce.status(), bounce.occurredAt());
			}
			case SOFT_BOUNCE -> {
				int soft = this.events.countDeliveries(Channel.EMAIL, addressKey, DeliveryEvent.Kind.SOFT_BOUNCE);
				if (soft >= this.softLimit) {
					undeliverable(bounce, "soft-bounce-limit",
							reason + " (soft bounce " + soft + " of " + this.softLimit + ": treated as hard)",
							"soft-bounces:" + this.softLimit);
				}
				else if (bounce.communication() != null) {
					this.ledger.note(bounce.communication().id(), "soft-bounce",
							reason + " (soft bounce " + soft + " of " + this.softLimit + ")");
				}
			}
			default -> {
				// delayed and relayed are reports, kept in the contact history only
			}
		}
	}

	private void undeliverable(Bounce bounce, String code, String reason, String source) {
		if (bounce.communication() != null) {
			this.ledger.markBounced(bounce.communication().id(), code, reason);
		}
		this.consents.recordUndeliverable(Channel.EMAIL, bounce.address(), source, bounce.occurredAt());
	}

}
