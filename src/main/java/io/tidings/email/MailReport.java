package io.tidings.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import org.jspecify.annotations.Nullable;

import io.tidings.csv.InvalidRecordException;

/**
 * A report a mail system sends back about a message Tidings sent: a delivery status
 * notification (RFC 3464; a plain-text bounce read by the {@link NonStandardBounceRules}
 * alike) or a complaint (an ARF feedback report, RFC 5965).
 */
sealed interface MailReport permits DeliveryStatusNotification, ComplaintReport {

	Session SESSION = Session.getInstance(new Properties());

	/**
	 * Headers that name the address a report was delivered to: with a per-message
	 * envelope sender ({@link VerpAddress}), the address of the email it is about.
	 */
	List<String> DELIVERED_TO = List.of("Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "To");

	/**
	 * The headers of the report message itself.
	 *
	 * @param messageId its Message-ID
	 * @param date its Date
	 * @param deliveredTo the addresses it was delivered to ({@link #DELIVERED_TO})
	 */
	record Envelope(@Nullable String messageId, @Nullable OffsetDateTime date, List<String> deliveredTo) {

	}

	/**
	 * Parses a {@code multipart/report} message, or a plain-text bounce by the
	 * {@link NonStandardBounceRules}.
	 * @param line where the message starts in its file, for the reject file
	 * @throws InvalidRecordException when it is not a well-formed report of a kind
	 * Tidings reads
	 */
	static MailReport parse(byte[] raw, long line) {
		try {
			MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
			ContentType type = contentType(message.getContentType(), line);
			List<String> deliveredTo = new ArrayList<>();
			for (String name : DELIVERED_TO) {
				String[] values = message.getHeader(name);
				if (values != null) {
					deliveredTo.addAll(List.of(values));
				}
			}
			Envelope envelope = new Envelope(message.getMessageID(),
					(message.getSentDate() != null) ? utc(message.getSentDate()) : null, List.copyOf(deliveredTo));
			if (!type.match("multipart/report")) {
				return NonStandardBounceRules.parse(envelope, message, type.getBaseType(), line);
			}
			String reportType = type.getParameter("report-type");
			// Angus registers its own handler for multipart/report, which refuses reports
			// of more than three parts: the parts are read as a plain multipart instead
			MimeMultipart multipart = new MimeMultipart(message.getDataHandler().getDataSource());
			List<BodyPart> parts = new ArrayList<>();
			for (int i = 0; i < multipart.getCount(); i++) {
				parts.add(multipart.getBodyPart(i));
			}
			if (parts.isEmpty()) {
				throw new InvalidRecordException(line, "Content-Type", "multipart/report without parts");
			}
			if (reportType == null || reportType.equalsIgnoreCase("delivery-status")) {
				return DeliveryStatusNotification.parse(envelope, parts, line);
			}
			if (reportType.equalsIgnoreCase("feedback-report")) {
				return ComplaintReport.parse(envelope, parts, line);
			}
			throw new InvalidRecordException(line, "Content-Type",
					"a report of type " + reportType + ", not delivery-status or feedback-report");
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

	/** An RFC 5322 date, or {@code null} when absent or unreadable. */
	static @Nullable OffsetDateTime date(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			Date date = new MailDateFormat().parse(value);
			return (date != null) ? utc(date) : null;
		}
		catch (java.text.ParseException ex) {
			return null;
		}
	}

	private static OffsetDateTime utc(Date date) {
		return OffsetDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC);
	}

}
