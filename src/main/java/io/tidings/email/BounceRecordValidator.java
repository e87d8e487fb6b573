package io.tidings.email;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.tidings.csv.InvalidRecordException;
import io.tidings.csv.ReportTimes;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DeliveryEvent;

/**
 * Turns a message of a bounce file into the reports it holds, one per recipient of a
 * delivery status notification or one for a complaint (an ARF feedback report), and finds
 * the email each is about: the one the returned headers name (by Message-ID, which
 * Tidings derives from the communication id, else by {@code X-Tidings-Communication-Id})
 * when it went to that recipient, else the one whose per-message envelope sender
 * ({@link VerpAddress}) the report was delivered to, else the one the envelope names
 * (Original-Envelope-Id, the envelope sender), else the latest email sent to a customer
 * with the recipient's address. A message that is not a well-formed report, or dated
 * before the email it matches was sent or in the future, is rejected with its line and
 * the reason.
 */
class BounceRecordValidator {

	private static final Pattern UUID = Pattern
		.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})", Pattern.CASE_INSENSITIVE);

	private static final Pattern UUID_IN_MESSAGE_ID = Pattern.compile("<?" + UUID.pattern() + "@",
			Pattern.CASE_INSENSITIVE);

	private final Communications communications;

	private final CustomerRepository customers;

	private final String source;

	private final Clock clock;

	private final ReportTimes times;

	private final @Nullable VerpAddress verp;

	BounceRecordValidator(Communications communications, CustomerRepository customers, String source, Clock clock,
			ReportTimes times, @Nullable VerpAddress verp) {
		this.verp = verp;
		this.communications = communications;
		this.customers = customers;
		this.source = source;
		this.clock = clock;
		this.times = times;
	}

	List<Bounce> validate(BounceMessage message) {
		MailReport report = MailReport.parse(message.raw(), message.line());
		if (report instanceof ComplaintReport complaint) {
			return List.of(complaint(complaint, message));
		}
		return bounces((DeliveryStatusNotification) report, message);
	}

	private List<Bounce> bounces(DeliveryStatusNotification dsn, BounceMessage message) {
		List<Communication> named = new ArrayList<>();
		named(dsn.original()).ifPresent(named::add);
		if (this.verp != null) {
			for (String address : dsn.deliveredTo()) {
				this.verp.communicationIn(address)
					.flatMap(this::email)
					.filter(found -> !named.contains(found))
					.ifPresent(named::add);
			}
		}
		for (String envelope : dsn.envelope()) {
			find(UUID, envelope).filter(found -> !named.contains(found)).ifPresent(named::add);
		}
		String identity = identity(dsn.messageId(), message);
		List<Bounce> bounces = new ArrayList<>();
		for (DeliveryStatusNotification.Recipient recipient : dsn.recipients()) {
			String address = recipient.address();
			List<String> customerIds = this.customers.findIdsByEmail(address);
			if (!address.equalsIgnoreCase(recipient.finalRecipient())) {
				customerIds = new ArrayList<>(customerIds);
				customerIds.addAll(this.customers.findIdsByEmail(recipient.finalRecipient()));
			}
			Communication communication = sentTo(named, customerIds, dsn.recipients().size() == 1);
			if (communication == null) {
				communication = this.communications.findLatestSent(customerIds, Channel.EMAIL).orElse(null);
			}
			OffsetDateTime at = (recipient.lastAttempt() != null) ? recipient.lastAttempt() : dated(dsn.date());
			this.times.check(message.line(), (recipient.lastAttempt() != null) ? "Last-Attempt-Date" : "Date", at,
					(communication != null) ? communication.sentAt() : null);
			bounces.add(new Bounce(
					DeliveryEvent.idOf("bounce", identity, recipient.finalRecipient(), recipient.action(),
							recipient.status()),
					communication, customerId(communication, customerIds), address, recipient.kind(),
					recipient.status(), recipient.diagnostic(), at, this.source, message.line()));
		}
		return bounces;
	}

	/**
	 * A complaint about the email its reported headers name, else the latest email sent
	 * to the recipient it names; its address is the recipient's, else the customer's on
	 * file (providers often redact the recipient).
	 */
	private Bounce complaint(ComplaintReport complaint, BounceMessage message) {
		Communication communication = named(complaint.original()).orElse(null);
		List<String> customerIds = (complaint.recipient() != null)
				? this.customers.findIdsByEmail(complaint.recipient()) : List.of();
		if (communication == null) {
			communication = this.communications.findLatestSent(customerIds, Channel.EMAIL).orElse(null);
		}
		String address = complaint.recipient();
		if (address == null && communication != null) {
			address = this.customers.findById(communication.customerId()).map(Customer::email).orElse(null);
		}
		if (address == null) {
			throw new InvalidRecordException(message.line(), "Original-Rcpt-To",
					"a complaint about an email Tidings did not send, without the recipient's address");
		}
		OffsetDateTime at = dated(complaint.date());
		this.times.check(message.line(), "Date", at, (communication != null) ? communication.sentAt() : null);
		return new Bounce(
				DeliveryEvent.idOf("complaint", identity(complaint.messageId(), message),
						(communication != null) ? communication.id().value() : address),
				communication, customerId(communication, customerIds), address, DeliveryEvent.Kind.COMPLAINT,
				complaint.feedbackType(), complaint.userAgent(), at, this.source, message.line());
	}

	private OffsetDateTime dated(@Nullable OffsetDateTime date) {
		return (date != null) ? date : OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	/** The report's Message-ID, else a hash of the whole message. */
	private static String identity(@Nullable String messageId, BounceMessage message) {
		return (messageId != null) ? messageId
				: DeliveryEvent.idOf(new String(message.raw(), java.nio.charset.StandardCharsets.ISO_8859_1));
	}

	private static @Nullable String customerId(@Nullable Communication communication, List<String> customerIds) {
		return (communication != null) ? communication.customerId() : customerIds.stream().findFirst().orElse(null);
	}

	/**
	 * The first named communication that went to one of these customers; with a single
	 * recipient, the first named one (its address may since have changed on file).
	 */
	private static @Nullable Communication sentTo(List<Communication> named, List<String> customerIds, boolean single) {
		return named.stream()
			.filter(communication -> customerIds.contains(communication.customerId()))
			.findFirst()
			.or(() -> single ? named.stream().findFirst() : Optional.empty())
			.orElse(null);
	}

	private Optional<Communication> named(ReturnedHeaders original) {
		Optional<Communication> byMessageId = find(UUID_IN_MESSAGE_ID, original.messageId());
		return byMessageId.isPresent() ? byMessageId : find(UUID, original.communicationId());
	}

	/** The email whose id the value carries. */
	private Optional<Communication> find(Pattern pattern, @Nullable String value) {
		if (value == null) {
			return Optional.empty();
		}
		Matcher matcher = pattern.matcher(value);
		if (!matcher.find()) {
			return Optional.empty();
		}
		return email(new CommunicationId(matcher.group(1).toLowerCase(Locale.ROOT)));
	}

	private Optional<Communication> email(CommunicationId id) {
		return this.communications.find(id).filter(communication -> communication.channel() == Channel.EMAIL);
	}

}
