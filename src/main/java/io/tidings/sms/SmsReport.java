package io.tidings.sms;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What Twilio reports about a message, from a status callback, an inbound-message webhook
 * or a row of a message log export: the fields are Twilio's, under any of their names
 * ({@code MessageSid}/{@code Sid}/{@code SmsSid}, {@code MessageStatus}/{@code Status}).
 *
 * @param messageSid Twilio's message SID
 * @param status Twilio's status (queued, sent, delivered, undelivered, failed, received)
 * @param errorCode Twilio's error code, if any
 * @param errorMessage Twilio's error message, if any
 * @param communicationId the communication id Tidings put in the status callback URL
 * @param from the sender's number
 * @param to the recipient's number
 * @param body the text (of an inbound message)
 * @param optOutType Twilio's {@code OptOutType} of an inbound message (STOP, START, HELP)
 * @param direction inbound or outbound-api (exports)
 * @param occurredAt when it happened, if the report says
 */
public record SmsReport(@Nullable String messageSid, @Nullable String status, @Nullable String errorCode,
		@Nullable String errorMessage, @Nullable String communicationId, @Nullable String from, @Nullable String to,
		@Nullable String body, @Nullable String optOutType, @Nullable String direction,
		@Nullable OffsetDateTime occurredAt) {

	/**
	 * A report from named fields.
	 * @param field a field's value by name (any case), or null
	 */
	public static SmsReport of(Function<String, @Nullable String> field) {
		return new SmsReport(first(field, "MessageSid", "Sid", "SmsSid"),
				lower(first(field, "MessageStatus", "Status", "SmsStatus")), first(field, "ErrorCode"),
				first(field, "ErrorMessage"), first(field, "communicationId", "communication_id"), first(field, "From"),
				first(field, "To"), first(field, "Body"), first(field, "OptOutType"), lower(first(field, "Direction")),
				date(first(field, "SentDate", "DateSent", "date_sent", "DateCreated")));
	}

	/** Whether the customer sent it (a reply), rather than Tidings. */
	public boolean inbound() {
		return (this.direction != null && this.direction.startsWith("inbound"))
				|| (this.direction == null && ("received".equals(this.status) || "receiving".equals(this.status)
						|| (this.status == null && (this.body != null || this.optOutType != null))));
	}

	private static @Nullable String first(Function<String, @Nullable String> field, String... names) {
		for (String name : names) {
			String value = field.apply(name);
			if (value != null && !value.isBlank()) {
				return value.strip();
			}
		}
		return null;
	}

	private static @Nullable String lower(@Nullable String value) {
		return (value != null) ? value.toLowerCase(Locale.ROOT) : null;
	}

	/**
	 * ISO-8601, Twilio's RFC 1123 dates, or {@code yyyy-MM-dd HH:mm:ss} in UTC (exports).
	 */
	private static @Nullable OffsetDateTime date(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value);
		}
		catch (DateTimeParseException ex) {
			// try the next format
		}
		try {
			return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toOffsetDateTime();
		}
		catch (DateTimeParseException ex) {
			// try the next format
		}
		try {
			return LocalDateTime.parse(value.replace(' ', 'T')).atOffset(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
