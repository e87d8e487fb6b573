package io.tidings.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.Channel;

/**
 * A customer gave or withdrew consent to marketing on a channel.
 *
 * @param eventId hash of the event's fields: the same event recorded twice is one event
 * @param customerId the customer
 * @param channel the channel, or {@code null} for every channel
 * @param granted whether consent was given (else withdrawn)
 * @param source where it came from ({@code customer-file}, {@code opt-outs:<file>})
 * @param occurredAt when the customer said so
 * @param recordedAt when Tidings recorded it
 */
public record ConsentEvent(String eventId, String customerId, @Nullable Channel channel, boolean granted, String source,
		OffsetDateTime occurredAt, @Nullable OffsetDateTime recordedAt) {

	static ConsentEvent of(String customerId, @Nullable Channel channel, boolean granted, String source,
			OffsetDateTime occurredAt) {
		return new ConsentEvent(hash(customerId, ConsentRegistry.channelName(channel), String.valueOf(granted), source,
				occurredAt.toInstant().toString()), customerId, channel, granted, source, occurredAt, null);
	}

	/** Whether its real date is unknown (consent first seen in the customer file). */
	public boolean undated() {
		return this.occurredAt.toInstant().equals(ConsentRegistry.UNKNOWN_DATE);
	}

	static String hash(String... parts) {
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
