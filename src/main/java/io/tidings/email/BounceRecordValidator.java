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

import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DeliveryEvent;

/**
 * Turns a message of a bounce file into the reports it holds, one per recipient, and
 * finds the email each is about: the one the returned headers name (by Message-ID, which
 * Tidings derives from the communication id, else by {@code X-Tidings-Communication-Id})
 * when it went to that recipient, else the one the envelope names (Original-Envelope-Id,
 * the envelope sender), else the latest email sent to a customer with the recipient's
 * address. A message that is not a well-formed report is rejected with its line and the
 * reason.
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

	BounceRecordValidator(Communications communications, CustomerRepository customers, String source, Clock clock) {
		this.communications = communications;
		this.customers = customers;
		this.source = source;
		this.clock = clock;
	}

	List<Bounce> validate(BounceMessage message) {
		MailReport report = MailReport.parse(message.raw(), message.line());
		DeliveryStatusNotification dsn = (DeliveryStatusNotification) report;
		List<Communication> named = new ArrayList<>();
		named(dsn.original()).ifPresent(named::add);
		for (String envelope : dsn.envelope()) {
			find(UUID, envelope).filter(found -> !named.contains(found)).ifPresent(named::add);
		}
		OffsetDateTime now = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		String identity = (dsn.messageId() != null) ? dsn.messageId()
				: DeliveryEvent.idOf(new String(message.raw(), java.nio.charset.StandardCharsets.ISO_8859_1));
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
			String customerId = (communication != null) ? communication.customerId()
					: customerIds.stream().findFirst().orElse(null);
			OffsetDateTime at = (recipient.lastAttempt() != null) ? recipient.lastAttempt()
					: (dsn.date() != null) ? dsn.date() : now;
			bounces.add(new Bounce(
					DeliveryEvent.idOf("bounce", identity, recipient.finalRecipient(), recipient.action(),
							recipient.status()),
					communication, customerId, address, recipient, at, this.source, message.line()));
		}
		return bounces;
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
		return this.communications.find(new CommunicationId(matcher.group(1).toLowerCase(Locale.ROOT)))
			.filter(communication -> communication.channel() == Channel.EMAIL);
	}

}
