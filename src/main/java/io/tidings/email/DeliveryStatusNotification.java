package io.tidings.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ParseException;
import org.jspecify.annotations.Nullable;

import io.tidings.csv.InvalidRecordException;

/**
 * A delivery status notification (RFC 3464) as a mail server sends it back: a
 * {@code multipart/report; report-type=delivery-status} message whose
 * {@code message/delivery-status} part holds one block of fields per recipient, followed
 * by the returned message or its headers.
 *
 * @param messageId the notification's own Message-ID
 * @param date when the notification was written (Arrival-Date, else Date)
 * @param originalMessageId Message-ID of the message that bounced
 * @param originalCommunicationId its {@code X-Tidings-Communication-Id} header
 * @param recipients the status of each recipient
 */
record DeliveryStatusNotification(@Nullable String messageId, @Nullable OffsetDateTime date,
		@Nullable String originalMessageId, @Nullable String originalCommunicationId, List<Recipient> recipients) {

	private static final Pattern STATUS = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})");

	private static final List<String> ACTIONS = List.of("failed", "delayed", "delivered", "relayed", "expanded");

	private static final Session SESSION = Session.getInstance(new Properties());

	/**
	 * The status of one recipient.
	 *
	 * @param finalRecipient the address the server tried (Final-Recipient)
	 * @param originalRecipient the address as given by the sender (Original-Recipient)
	 * @param action failed, delayed, delivered, relayed or expanded
	 * @param status the RFC 3463 status code, such as {@code 5.1.1}
	 * @param diagnostic the server's reply (Diagnostic-Code)
	 */
	record Recipient(String finalRecipient, @Nullable String originalRecipient, String action, String status,
			@Nullable String diagnostic) {

		/** Whether the status is permanent (5.x.x). */
		boolean permanent() {
			return this.status.startsWith("5");
		}

		/** Whether the status is transient (4.x.x). */
		boolean transientFailure() {
			return this.status.startsWith("4");
		}

		/** Whether the message arrived (or was passed on). */
		boolean delivered() {
			return this.status.startsWith("2") || List.of("delivered", "relayed", "expanded").contains(this.action);
		}

	}

	/**
	 * Parses a notification.
	 * @param line where the message starts in its file, for the reject file
	 * @throws InvalidRecordException when it is not a well-formed notification
	 */
	static DeliveryStatusNotification parse(byte[] raw, long line) {
		try {
			MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
			ContentType type = contentType(message.getContentType(), line);
			if (!type.match("multipart/report")) {
				throw new InvalidRecordException(line, "Content-Type",
						"not a delivery status notification: Content-Type is " + type.getBaseType()
								+ ", not multipart/report");
			}
			String reportType = type.getParameter("report-type");
			if (reportType != null && !reportType.equalsIgnoreCase("delivery-status")) {
				throw new InvalidRecordException(line, "Content-Type",
						"a report of type " + reportType + ", not delivery-status");
			}
			if (!(message.getContent() instanceof Multipart parts)) {
				throw new InvalidRecordException(line, "Content-Type", "multipart/report without parts");
			}
			String status = null;
			InternetHeaders original = null;
			for (int i = 0; i < parts.getCount(); i++) {
				BodyPart part = parts.getBodyPart(i);
				if (part.isMimeType("message/delivery-status")) {
					status = read(part.getInputStream());
				}
				else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
					original = new InternetHeaders(part.getInputStream());
				}
			}
			if (status == null) {
				throw new InvalidRecordException(line, "message/delivery-status",
						"no message/delivery-status part in the report");
			}
			List<Map<String, String>> blocks = blocks(status);
			if (blocks.size() < 2) {
				throw new InvalidRecordException(line, "message/delivery-status",
						"no per-recipient fields (Final-Recipient, Action, Status) in the delivery status");
			}
			List<Recipient> recipients = new ArrayList<>();
			for (Map<String, String> fields : blocks.subList(1, blocks.size())) {
				recipients.add(recipient(fields, line));
			}
			OffsetDateTime date = date(blocks.get(0).get("arrival-date"));
			if (date == null && message.getSentDate() != null) {
				date = OffsetDateTime.ofInstant(message.getSentDate().toInstant(), ZoneOffset.UTC);
			}
			return new DeliveryStatusNotification(message.getMessageID(), date,
					(original != null) ? original.getHeader("Message-ID", null) : null,
					(original != null) ? original.getHeader("X-Tidings-Communication-Id", null) : null,
					List.copyOf(recipients));
		}
		catch (MessagingException | IOException ex) {
			throw new InvalidRecordException(line, null, "not a readable MIME message: " + ex.getMessage());
		}
	}

	private static ContentType contentType(String value, long line) {
		try {
			return new ContentType(value);
		}
		catch (ParseException ex) {
			throw new InvalidRecordException(line, "Content-Type", "unreadable Content-Type: " + ex.getMessage());
		}
	}

	private static Recipient recipient(Map<String, String> fields, long line) {
		String finalRecipient = address(fields.get("final-recipient"));
		if (finalRecipient == null) {
			throw new InvalidRecordException(line, "Final-Recipient",
					"a recipient block without Final-Recipient (type; address)");
		}
		String action = fields.get("action");
		if (action == null || !ACTIONS.contains(action.toLowerCase(Locale.ROOT))) {
			throw new InvalidRecordException(line, "Action", (action == null) ? "a recipient block without Action"
					: "Action '" + action + "' is not one of " + String.join(", ", ACTIONS));
		}
		String status = fields.get("status");
		Matcher matcher = (status != null) ? STATUS.matcher(status) : null;
		if (matcher == null || !matcher.lookingAt()) {
			throw new InvalidRecordException(line, "Status", (status == null) ? "a recipient block without Status"
					: "Status '" + status + "' is not an RFC 3463 code (class.subject.detail, e.g. 5.1.1)");
		}
		return new Recipient(finalRecipient, address(fields.get("original-recipient")), action.toLowerCase(Locale.ROOT),
				matcher.group(), fields.get("diagnostic-code"));
	}

	/** The address of an {@code address-type; address} field. */
	private static @Nullable String address(@Nullable String field) {
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

	private static @Nullable OffsetDateTime date(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			Date date = new MailDateFormat().parse(value);
			return (date != null) ? OffsetDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC) : null;
		}
		catch (java.text.ParseException ex) {
			return null;
		}
	}

	/**
	 * The field blocks of a delivery status, separated by blank lines, with folded lines
	 * unfolded and field names in lower case.
	 */
	private static List<Map<String, String>> blocks(String text) {
		List<Map<String, String>> blocks = new ArrayList<>();
		Map<String, String> block = new LinkedHashMap<>();
		String name = null;
		for (String line : text.split("\r?\n", -1)) {
			if (line.isBlank()) {
				if (!block.isEmpty()) {
					blocks.add(block);
					block = new LinkedHashMap<>();
				}
				name = null;
			}
			else if ((line.startsWith(" ") || line.startsWith("\t")) && name != null) {
				block.merge(name, " " + line.strip(), String::concat);
			}
			else {
				int colon = line.indexOf(':');
				if (colon > 0) {
					name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
					block.put(name, line.substring(colon + 1).strip());
				}
			}
		}
		if (!block.isEmpty()) {
			blocks.add(block);
		}
		return blocks;
	}

	private static String read(InputStream in) throws IOException {
		try (in) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
