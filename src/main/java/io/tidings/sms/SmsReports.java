package io.tidings.sms;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidings.csv.InvalidRecordException;
import io.tidings.csv.ReportTimes;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DeliveryEvent;
import io.tidings.outbox.DeliveryEvents;
import io.tidings.outbox.OutboxLedger;
import io.tidings.policy.ConsentRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies what Twilio reports, each report once: final statuses move the communication
 * ({@code delivered} → {@code DELIVERED}, {@code undelivered} → {@code BOUNCED},
 * {@code failed} → {@code FAILED}); error 21610 (the recipient had replied STOP) is an
 * opt-out, and errors saying the number cannot take SMS put it on the SMS suppression
 * list; a reply that is an opt-out keyword withdraws the SMS consent of every customer
 * with that number, an opt-in keyword gives it back, a help keyword is recorded (and
 * answered by the webhook). Reports about messages Tidings does not know are kept as
 * {@code UNKNOWN}.
 */
@Component
public class SmsReports {

	private static final Logger logger = LoggerFactory.getLogger(SmsReports.class);

	/** Twilio: the recipient unsubscribed (replied STOP). */
	private static final String UNSUBSCRIBED = "21610";

	/** Twilio: invalid number, unknown destination, landline or unreachable carrier. */
	private static final Set<String> NOT_A_MOBILE = Set.of("21211", "21214", "21614", "30005", "30006");

	private final OutboxLedger ledger;

	private final Communications communications;

	private final DeliveryEvents events;

	private final ConsentRegistry consents;

	private final CustomerRepository customers;

	private final Clock clock;

	private final ReportTimes times;

	private final SmsKeywords keywords;

	SmsReports(OutboxLedger ledger, Communications communications, DeliveryEvents events, ConsentRegistry consents,
			CustomerRepository customers, Clock clock, ReportTimes times, SmsKeywords keywords) {
		this.keywords = keywords;
		this.ledger = ledger;
		this.communications = communications;
		this.events = events;
		this.consents = consents;
		this.customers = customers;
		this.clock = clock;
		this.times = times;
	}

	/**
	 * What applying a report did.
	 */
	public enum Outcome {

		/** It changed the ledger, consent or suppression lists. */
		APPLIED,
		/** It had been applied before. */
		REPEATED,
		/** It names a message or number Tidings does not know; kept as such. */
		UNKNOWN,
		/**
		 * A help request (HELP, INFO), recorded for the first time: the webhook answers
		 * it with {@link #helpAnswer}.
		 */
		HELP_REQUESTED,
		/**
		 * Nothing to do: an intermediate status (queued, sent) or a reply that is no
		 * keyword.
		 */
		IGNORED

	}

	/**
	 * Refuses a report dated before the SMS it is about was sent, or in the future.
	 * @throws InvalidRecordException with the line and the reason
	 */
	public void checkTime(SmsReport report, long line) {
		if (report.occurredAt() != null) {
			Communication communication = report.inbound() ? null : find(report);
			this.times.check(line, "DateSent", report.occurredAt(),
					(communication != null) ? communication.sentAt() : null);
		}
	}

	/**
	 * Applies a report.
	 * @param source where it came from (a file name, {@code webhook})
	 * @param line its line in that file (0 for a webhook)
	 */
	@Transactional
	public Outcome apply(SmsReport report, String source, long line) {
		OffsetDateTime at = (report.occurredAt() != null) ? report.occurredAt()
				: OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		return report.inbound() ? applyReply(report, source, line, at) : applyStatus(report, source, line, at);
	}

	private Outcome applyReply(SmsReport report, String source, long line, OffsetDateTime at) {
		Optional<SmsKeywords.Match> match = this.keywords.read(report.body(), report.optOutType());
		if (match.isEmpty() || report.from() == null) {
			return Outcome.IGNORED;
		}
		List<String> customerIds = this.customers.findIdsByPhone(report.from());
		String word = match.get().word();
		DeliveryEvent.Kind kind = customerIds.isEmpty() ? DeliveryEvent.Kind.UNKNOWN : switch (match.get().keyword()) {
			case OPT_OUT -> DeliveryEvent.Kind.OPT_OUT;
			case OPT_IN -> DeliveryEvent.Kind.OPT_IN;
			case HELP -> DeliveryEvent.Kind.HELP;
		};
		String eventId = DeliveryEvent.idOf("sms-reply",
				(report.messageSid() != null) ? report.messageSid() : report.from() + at, word);
		if (!this.events.record(new DeliveryEvent(eventId, null, customerIds.isEmpty() ? null : customerIds.get(0),
				Channel.SMS, kind, word, null, report.from(), at, source, line))) {
			return Outcome.REPEATED;
		}
		if (match.get().keyword() == SmsKeywords.Keyword.HELP) {
			return Outcome.HELP_REQUESTED;
		}
		if (customerIds.isEmpty()) {
			logger.info("SMS keyword reply {} from {} at line {}: no customer has that number", word, source, line);
			return Outcome.UNKNOWN;
		}
		for (String customerId : customerIds) {
			if (match.get().keyword() == SmsKeywords.Keyword.OPT_OUT) {
				this.consents.recordOptOut(customerId, Channel.SMS, "sms-keyword:" + word, at);
			}
			else {
				this.consents.recordOptIn(customerId, Channel.SMS, "sms-keyword:" + word, at);
			}
		}
		return Outcome.APPLIED;
	}

	/**
	 * The answer to a help request ({@link Outcome#HELP_REQUESTED}): the configured help
	 * text in the language of the customer with that number, else of the word they used.
	 * Empty when Twilio answered it already (its Advanced Opt-Out sends
	 * {@code OptOutType=HELP} after replying with its own help text).
	 */
	public Optional<String> helpAnswer(SmsReport report) {
		Optional<SmsKeywords.Match> match = this.keywords.read(report.body(), report.optOutType());
		if (match.isEmpty() || match.get().keyword() != SmsKeywords.Keyword.HELP || report.optOutType() != null
				|| report.from() == null) {
			return Optional.empty();
		}
		Optional<Customer> customer = this.customers.findIdsByPhone(report.from())
			.stream()
			.findFirst()
			.flatMap(this.customers::findById);
		return Optional.of(customer.isPresent()
				? this.keywords.helpText(customer.get().language(), customer.get().address().country())
				: this.keywords.helpText(match.get().language(), null));
	}

	private Outcome applyStatus(SmsReport report, String source, long line, OffsetDateTime at) {
		DeliveryEvent.Kind kind = switch (String.valueOf(report.status())) {
			case "delivered", "read" -> DeliveryEvent.Kind.DELIVERED;
			case "undelivered" -> DeliveryEvent.Kind.UNDELIVERED;
			case "failed" -> DeliveryEvent.Kind.FAILED;
			default -> null;
		};
		if (kind == null) {
			return Outcome.IGNORED;
		}
		Communication communication = find(report);
		String eventId = DeliveryEvent.idOf("sms-status", String.valueOf(report.messageSid()),
				String.valueOf(report.communicationId()), String.valueOf(report.status()),
				String.valueOf(report.errorCode()));
		String detail = (report.errorCode() != null) ? "Twilio error " + report.errorCode()
				+ ((report.errorMessage() != null) ? ": " + report.errorMessage() : "") : null;
		if (!this.events.record(new DeliveryEvent(eventId,
				(communication != null) ? communication.id().value() : report.communicationId(),
				(communication != null) ? communication.customerId() : null, Channel.SMS,
				(communication != null) ? kind : DeliveryEvent.Kind.UNKNOWN, report.status(), detail, report.to(), at,
				source, line))) {
			return Outcome.REPEATED;
		}
		if (communication == null) {
			logger.info("SMS status {} from {} at line {} names no SMS Tidings sent", report.status(), source, line);
			return Outcome.UNKNOWN;
		}
		String reason = "Twilio: " + report.status() + ((detail != null) ? ", " + detail : "");
		switch (kind) {
			case DELIVERED -> this.ledger.markReceived(communication.id());
			case UNDELIVERED -> this.ledger.markBounced(communication.id(), "undelivered", reason);
			default -> this.ledger.markFailedAfterSending(communication.id(), "provider-failed", reason);
		}
		if (UNSUBSCRIBED.equals(report.errorCode())) {
			this.consents.recordOptOut(communication.customerId(), Channel.SMS, "provider:sms", at);
		}
		else if (report.errorCode() != null && NOT_A_MOBILE.contains(report.errorCode())) {
			String number = (report.to() != null) ? report.to()
					: this.customers.findById(communication.customerId()).map(Customer::phone).orElse(null);
			if (number != null) {
				this.consents.recordUndeliverable(Channel.SMS, number, "twilio:" + report.errorCode(), at);
			}
		}
		return Outcome.APPLIED;
	}

	private @Nullable Communication find(SmsReport report) {
		if (report.communicationId() != null) {
			try {
				Optional<Communication> named = this.communications.find(new CommunicationId(report.communicationId()));
				if (named.isPresent()) {
					return named.get();
				}
			}
			catch (IllegalArgumentException ex) {
				// not an id Tidings made: try the message SID
			}
		}
		return (report.messageSid() != null) ? this.communications.findByDeliveryRef(report.messageSid()).orElse(null)
				: null;
	}

}
