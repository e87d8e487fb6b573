package io.tidings.outbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * Something a transport reported back about a communication after it was sent: a bounce,
 * a delivery receipt, an SMS keyword reply, a returned letter.
 *
 * @param eventId identifies the event: the same report ingested twice is one event
 * @param communicationId the communication it is about, when known
 * @param customerId the customer, when known
 * @param channel the channel
 * @param kind what happened
 * @param status the transport's status code (an RFC 3463 status such as {@code 5.1.1}, a
 * Twilio status or error code)
 * @param detail the transport's explanation (an SMTP diagnostic, an error message)
 * @param addressKey the normalised email address or phone number it concerns
 * @param occurredAt when it happened
 * @param source the file, mailbox or endpoint it came from
 * @param sourceLine line (or message number) in that source
 */
public record DeliveryEvent(String eventId, @Nullable String communicationId, @Nullable String customerId,
		Channel channel, Kind kind, @Nullable String status, @Nullable String detail, @Nullable String addressKey,
		OffsetDateTime occurredAt, String source, long sourceLine) {

	/**
	 * What a transport reported.
	 */
	public enum Kind {

		/** Will never arrive (RFC 3463 5.x.x, or soft bounces past the limit). */
		HARD_BOUNCE,
		/** Did not arrive this time (4.x.x). */
		SOFT_BOUNCE,
		/** Arrived. */
		DELIVERED,
		/**
		 * Not delivered yet, the server still tries (a warning: never a bounce, never
		 * counted towards one).
		 */
		DELAYED,
		/**
		 * Passed on to a system that reports no further (RFC 3464 {@code relayed}, or
		 * {@code expanded} to a list): not a bounce, not proof of arrival.
		 */
		RELAYED,
		/** The carrier or provider could not deliver it. */
		UNDELIVERED,
		/** The provider failed it. */
		FAILED,
		/** A reply that withdrew consent (STOP). */
		OPT_OUT,
		/** A reply that gave consent again (START). */
		OPT_IN,
		/** A reply that asked for help (HELP, INFO). */
		HELP,
		/** A letter came back. */
		RETURNED_MAIL,
		/** The recipient reported it as spam (an ARF feedback report). */
		COMPLAINT,
		/** A report that names no communication Tidings knows. */
		UNKNOWN

	}

	/**
	 * A stable id from the parts that make an event what it is.
	 */
	public static String idOf(String... parts) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (String part : parts) {
				sha.update(part.getBytes(StandardCharsets.UTF_8));
				sha.update((byte) 0x1f);
			}
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

}
