package io.tidings.email;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
 * Turns a message of a bounce file into the bounces it reports, and finds the email each
 * is about: by the original Message-ID (which Tidings derives from the communication id),
 * else by the {@code X-Tidings-Communication-Id} header of the returned message, else as
 * the latest email sent to the customer with the recipient's address. A message that is
 * not a well-formed delivery status notification is rejected with its line and the
 * reason.
 */
class BounceRecordValidator {

	private static final Pattern UUID_IN_MESSAGE_ID = Pattern
		.compile("<?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@", Pattern.CASE_INSENSITIVE);

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
		DeliveryStatusNotification dsn = DeliveryStatusNotification.parse(message.raw(), message.line());
		Optional<Communication> named = communicationId(dsn).flatMap(this.communications::find)
			.filter(communication -> communication.channel() == Channel.EMAIL);
		OffsetDateTime at = (dsn.date() != null) ? dsn.date()
				: OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		String identity = (dsn.messageId() != null) ? dsn.messageId()
				: DeliveryEvent.idOf(new String(message.raw(), java.nio.charset.StandardCharsets.ISO_8859_1));
		List<Bounce> bounces = new ArrayList<>();
		for (DeliveryStatusNotification.Recipient recipient : dsn.recipients()) {
			String address = (recipient.originalRecipient() != null) ? recipient.originalRecipient()
					: recipient.finalRecipient();
			Communication communication = named.orElseGet(() -> latestEmailTo(address));
			String customerId = (communication != null) ? communication.customerId()
					: this.customers.findIdsByEmail(address).stream().findFirst().orElse(null);
			bounces.add(new Bounce(
					DeliveryEvent.idOf("bounce", identity, recipient.finalRecipient(), recipient.action(),
							recipient.status()),
					communication, customerId, address, recipient, at, this.source, message.line()));
		}
		return bounces;
	}

	private @Nullable Communication latestEmailTo(String address) {
		return this.communications.findLatestSent(this.customers.findIdsByEmail(address), Channel.EMAIL).orElse(null);
	}

	private static Optional<CommunicationId> communicationId(DeliveryStatusNotification dsn) {
		if (dsn.originalMessageId() != null) {
			Matcher matcher = UUID_IN_MESSAGE_ID.matcher(dsn.originalMessageId());
			if (matcher.find()) {
				return Optional.of(new CommunicationId(matcher.group(1).toLowerCase(java.util.Locale.ROOT)));
			}
		}
		if (dsn.originalCommunicationId() != null) {
			try {
				return Optional.of(new CommunicationId(dsn.originalCommunicationId().strip()));
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

}
