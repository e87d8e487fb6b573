package io.tidings.email;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.OutboxLedger;
import io.tidings.policy.ConsentRegistry;

import org.springframework.stereotype.Component;

/**
 * One-click unsubscribe (RFC 8058): the mail client of a customer who clicks
 * "unsubscribe" on a marketing email posts to the URL of its {@code List-Unsubscribe}
 * header, which names the communication; the customer is opted out of marketing email
 * from then on.
 */
@Component
public class OneClickUnsubscribe {

	private final OutboxLedger ledger;

	private final ConsentRegistry consents;

	private final Clock clock;

	OneClickUnsubscribe(OutboxLedger ledger, ConsentRegistry consents, Clock clock) {
		this.ledger = ledger;
		this.consents = consents;
		this.clock = clock;
	}

	/**
	 * Opts the recipient of an email out of marketing email.
	 * @return whether the id named an email Tidings sent
	 */
	public boolean unsubscribe(String communicationId) {
		Optional<Communication> email;
		try {
			email = this.ledger.find(new CommunicationId(communicationId))
				.filter(communication -> communication.channel() == Channel.EMAIL);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		email.ifPresent(communication -> this.consents.recordOptOut(communication.customerId(), Channel.EMAIL,
				"one-click-unsubscribe:" + communication.id(),
				OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC)));
		return email.isPresent();
	}

}
