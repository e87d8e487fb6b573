package io.tidings.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.jspecify.annotations.Nullable;

import io.tidings.csv.InvalidRecordException;
import io.tidings.outbox.DeliveryEvent;

/**
 * A delivery status notification (RFC 3464) as a mail server sends it back: a
 * {@code multipart/report; report-type=delivery-status} message whose
 * {@code message/delivery-status} part ({@code message/global-delivery-status} of RFC
 * 6533 alike; read by Angus Mail's {@link DeliveryStatus}) holds one block of fields per
 * recipient, followed by the returned message or its headers.
 *
 * @param messageId the notification's own Message-ID
 * @param date when the notification was written (its Date, else Arrival-Date)
 * @param original the headers of the message it reports on
 * @param envelope what names the original envelope: Original-Envelope-Id,
 * X-Postfix-Sender, the returned Return-Path (a per-message envelope sender)
 * @param deliveredTo the addresses the notification itself was delivered to (with a
 * per-message envelope sender, the original message's)
 * @param recipients the status of each recipient
 */
record DeliveryStatusNotification(@Nullable String messageId, @Nullable OffsetDateTime date, ReturnedHeaders original,
		List<String> envelope, List<String> deliveredTo, List<Recipient> recipients) implements MailReport {

	private static final Pattern STATUS = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})");

	private static final List<String> ACTIONS = List.of("failed", "delayed", "delivered", "relayed", "expanded");

	private static final Pattern EXTRA_BLANK_LINES = Pattern.compile("(\\r?\\n)(\\s*\\r?\\n)+");

	/**
	 * The status of one recipient.
	 *
	 * @param finalRecipient the address the server tried (Final-Recipient)
	 * @param originalRecipient the address as given by the sender (Original-Recipient)
	 * @param action failed, delayed, delivered, relayed or expanded
	 * @param status the RFC 3463 status code, such as {@code 5.1.1}
	 * @param diagnostic the server's reply (Diagnostic-Code)
	 * @param lastAttempt when the server last tried (Last-Attempt-Date)
	 */
	record Recipient(String finalRecipient, @Nullable String originalRecipient, String action, String status,
			@Nullable String diagnostic, @Nullable OffsetDateTime lastAttempt) {

		/** The address the sender gave, else the one the server tried. */
		String address() {
			return (this.originalRecipient != null) ? this.originalRecipient : this.finalRecipient;
		}

		/**
		 * What the report means: only {@code failed} is a bounce (hard for 5.x.x, soft
		 * otherwise); {@code delayed} is a warning while the server retries, and
		 * {@code relayed}/{@code expanded} say the message was passed on, not that it
		 * arrived.
		 */
		DeliveryEvent.Kind kind() {
			return switch (this.action) {
				case "delivered" -> DeliveryEvent.Kind.DELIVERED;
				case "delayed" -> DeliveryEvent.Kind.DELAYED;
				case "relayed", "expanded" -> DeliveryEvent.Kind.RELAYED;
				default ->
					this.status.startsWith("5") ? DeliveryEvent.Kind.HARD_BOUNCE : DeliveryEvent.Kind.SOFT_BOUNCE;
			};
		}

	}

	/**
	 * Parses the parts of a {@code multipart/report; report-type=delivery-status}.
	 * @param line where the message starts in its file, for the reject file
	 * @throws InvalidRecordException when it is not a well-formed notification
	 */
	static DeliveryStatusNotification parse(MailReport.Envelope message, List<BodyPart> parts, long line)
			throws MessagingException, IOException {
		DeliveryStatus status = null;
		ReturnedHeaders original = ReturnedHeaders.NONE;
		for (BodyPart part : parts) {
			if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
				status = new DeliveryStatus(new ByteArrayInputStream(normalised(part)));
			}
			else if (ReturnedHeaders.isReturned(part)) {
				original = ReturnedHeaders.of(part);
			}
		}
		if (status == null) {
			throw new InvalidRecordException(line, "message/delivery-status",
					"no message/delivery-status part in the report");
		}
		List<Recipient> recipients = new ArrayList<>();
		for (int i = 0; i < status.getRecipientDSNCount(); i++) {
			InternetHeaders fields = status.getRecipientDSN(i);
			if (fields.getAllHeaderLines().hasMoreElements()) {
				recipients.add(recipient(fields, line));
			}
		}
		if (recipients.isEmpty()) {
			throw new InvalidRecordException(line, "message/delivery-status",
					"no per-recipient fields (Final-Recipient, Action, Status) in the delivery status");
		}
		InternetHeaders perMessage = status.getMessageDSN();
		OffsetDateTime date = (message.date() != null) ? message.date()
				: MailReport.date(field(perMessage, "Arrival-Date"));
		List<String> envelope = new ArrayList<>();
		for (String name : List.of("Original-Envelope-Id", "X-Postfix-Sender")) {
			String value = field(perMessage, name);
			if (value != null) {
				envelope.add(value);
			}
		}
		if (original.returnPath() != null) {
			envelope.add(original.returnPath());
		}
		return new DeliveryStatusNotification(message.messageId(), date, original, List.copyOf(envelope),
				message.deliveredTo(), List.copyOf(recipients));
	}

	/**
	 * The delivery status with leading and repeated blank lines removed: Angus reads a
	 * block per blank line, and some servers write two.
	 */
	private static byte[] normalised(BodyPart part) throws MessagingException, IOException {
		String text;
		try (var in = part.getInputStream()) {
			text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		return (EXTRA_BLANK_LINES.matcher(text.strip()).replaceAll("$1$1") + "\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static Recipient recipient(InternetHeaders fields, long line) {
		String finalRecipient = address(field(fields, "Final-Recipient"));
		if (finalRecipient == null) {
			throw new InvalidRecordException(line, "Final-Recipient",
					"a recipient block without Final-Recipient (type; address)");
		}
		String action = field(fields, "Action");
		if (action == null || !ACTIONS.contains(action.toLowerCase(Locale.ROOT))) {
			throw new InvalidRecordException(line, "Action", (action == null) ? "a recipient block without Action"
					: "Action '" + action + "' is not one of " + String.join(", ", ACTIONS));
		}
		String status = field(fields, "Status");
		Matcher matcher = (status != null) ? STATUS.matcher(status) : null;
		if (matcher == null || !matcher.lookingAt()) {
			throw new InvalidRecordException(line, "Status", (status == null) ? "a recipient block without Status"
					: "Status '" + status + "' is not an RFC 3463 code (class.subject.detail, e.g. 5.1.1)");
		}
		return new Recipient(finalRecipient, address(field(fields, "Original-Recipient")),
				action.toLowerCase(Locale.ROOT), matcher.group(), field(fields, "Diagnostic-Code"),
				MailReport.date(field(fields, "Last-Attempt-Date")));
	}

	/** A field's value, unfolded, or {@code null} when absent or blank. */
	static @Nullable String field(InternetHeaders fields, String name) {
		String value = fields.getHeader(name, null);
		if (value == null) {
			return null;
		}
		value = MimeUtility.unfold(value).strip();
		return value.isEmpty() ? null : value;
	}

	/** The address of an {@code address-type; address} field. */
	static @Nullable String address(@Nullable String field) {
		if (field == null) {
			return null;
		}
		int semicolon = field.indexOf(';');
		String address = ((semicolon >= 0) ? field.substring(semicolon + 1) : field).strip();
		if (address.startsWith("<") && address.endsWith(">")) {
			address = address.substring(1, address.length() - 1);
		}
		return address.isEmpty() ? null : address;
	}

}
