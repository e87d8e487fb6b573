package io.tidings.email;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import org.jspecify.annotations.Nullable;

import io.tidings.csv.InvalidRecordException;

/**
 * A complaint: the feedback report (ARF, RFC 5965) a mailbox provider sends through its
 * feedback loop when a recipient presses "this is spam", a
 * {@code multipart/report; report-type=feedback-report} message whose
 * {@code message/feedback-report} part says what happened, followed by the reported
 * message or its headers (providers often redact the recipient there).
 *
 * @param messageId the report's own Message-ID
 * @param date when the report was written (its Date, else the Arrival-Date of the
 * reported message)
 * @param feedbackType {@code abuse} or {@code fraud}
 * @param userAgent the system that wrote it
 * @param recipient the reported message's recipient (Original-Rcpt-To), if given
 * @param original the headers of the reported message
 */
record ComplaintReport(@Nullable String messageId, @Nullable OffsetDateTime date, String feedbackType,
		@Nullable String userAgent, @Nullable String recipient, ReturnedHeaders original) implements MailReport {

	/**
	 * Feedback types that are a recipient's complaint (virus and not-spam reports are
	 * not).
	 */
	private static final List<String> COMPLAINTS = List.of("abuse", "fraud", "other");

	/**
	 * Parses the parts of a {@code multipart/report; report-type=feedback-report}.
	 * @param line where the message starts in its file, for the reject file
	 * @throws InvalidRecordException when it is not a complaint Tidings can read
	 */
	static ComplaintReport parse(MailReport.Envelope message, List<BodyPart> parts, long line)
			throws MessagingException, IOException {
		InternetHeaders fields = null;
		ReturnedHeaders original = ReturnedHeaders.NONE;
		for (BodyPart part : parts) {
			if (part.isMimeType("message/feedback-report")) {
				try (InputStream in = part.getInputStream()) {
					fields = new InternetHeaders(in);
				}
			}
			else if (ReturnedHeaders.isReturned(part)) {
				original = ReturnedHeaders.of(part);
			}
		}
		if (fields == null) {
			throw new InvalidRecordException(line, "message/feedback-report",
					"no message/feedback-report part in the feedback report");
		}
		String type = DeliveryStatusNotification.field(fields, "Feedback-Type");
		if (type == null) {
			throw new InvalidRecordException(line, "Feedback-Type", "a feedback report without Feedback-Type");
		}
		type = type.toLowerCase(Locale.ROOT);
		if (!COMPLAINTS.contains(type)) {
			throw new InvalidRecordException(line, "Feedback-Type",
					"Feedback-Type '" + type + "' is not a complaint (" + String.join(", ", COMPLAINTS) + ")");
		}
		if (original.messageId() == null && original.communicationId() == null
				&& DeliveryStatusNotification.field(fields, "Original-Rcpt-To") == null) {
			throw new InvalidRecordException(line, "message/rfc822",
					"names no email: no headers of the reported message and no Original-Rcpt-To");
		}
		OffsetDateTime date = (message.date() != null) ? message.date()
				: MailReport.date(DeliveryStatusNotification.field(fields, "Arrival-Date"));
		return new ComplaintReport(message.messageId(), date, type,
				DeliveryStatusNotification.field(fields, "User-Agent"),
				DeliveryStatusNotification.address(DeliveryStatusNotification.field(fields, "Original-Rcpt-To")),
				original);
	}

}
