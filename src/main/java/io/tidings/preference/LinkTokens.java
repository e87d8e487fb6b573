package io.tidings.preference;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.tidings.outbox.CommunicationId;

/**
 * Signed, expiring tokens of preference-centre links: 34 bytes, 46 URL-safe characters. A
 * token holds the id of the signing key (two bytes of a hash of the key), the
 * communication id (a name-based UUID that says nothing about the customer), when the
 * link expires (seconds since the epoch) and the first 12 bytes of an HMAC-SHA256 of all
 * that. The first key signs; the others (earlier keys, after a rotation) still verify.
 */
final class LinkTokens {

	private static final int KEY_ID = 2;

	private static final int SIGNED = KEY_ID + 16 + 4;

	private static final int MAC = 12;

	/** Characters of a token: 34 bytes in unpadded Base64. */
	private static final int LENGTH = 46;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final List<SigningKey> keys;

	private final Duration ttl;

	private final Clock clock;

	/**
	 * @param secrets the signing key first, then earlier keys still accepted
	 */
	LinkTokens(List<String> secrets, Duration ttl, Clock clock) {
		this.keys = secrets.stream().map(SigningKey::of).toList();
		this.ttl = ttl;
		this.clock = clock;
	}

	String issue(CommunicationId communication) {
		SigningKey key = this.keys.get(0);
		UUID id = UUID.fromString(communication.value());
		long expires = this.clock.instant().plus(this.ttl).getEpochSecond();
		ByteBuffer token = ByteBuffer.allocate(SIGNED + MAC)
			.put(key.id())
			.putLong(id.getMostSignificantBits())
			.putLong(id.getLeastSignificantBits())
			.putInt((int) Math.min(expires, 0xFFFF_FFFFL));
		token.put(key.sign(Arrays.copyOf(token.array(), SIGNED)));
		return ENCODER.encodeToString(token.array());
	}

	/**
	 * Whether a text has the length and alphabet of a token (and can go into a URL as
	 * is).
	 */
	static boolean wellFormed(String token) {
		return token.length() == LENGTH && token.chars()
			.allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_');
	}

	/**
	 * The communication a token names, when it was signed by a known key and has not
	 * expired; empty for anything else, without saying why.
	 */
	Optional<CommunicationId> verify(String token) {
		if (!wellFormed(token)) {
			return Optional.empty();
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(token);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (!ENCODER.encodeToString(bytes).equals(token)) {
			// the last character's unused bits set: one token, one spelling
			return Optional.empty();
		}
		byte[] signed = Arrays.copyOf(bytes, SIGNED);
		byte[] mac = Arrays.copyOfRange(bytes, SIGNED, SIGNED + MAC);
		boolean valid = false;
		for (SigningKey key : this.keys) {
			if (Arrays.equals(key.id(), 0, KEY_ID, bytes, 0, KEY_ID) && MessageDigest.isEqual(key.sign(signed), mac)) {
				valid = true;
			}
		}
		ByteBuffer fields = ByteBuffer.wrap(bytes, KEY_ID, SIGNED - KEY_ID);
		UUID id = new UUID(fields.getLong(), fields.getLong());
		long expires = Integer.toUnsignedLong(fields.getInt());
		if (!valid || this.clock.instant().getEpochSecond() >= expires) {
			return Optional.empty();
		}
		return Optional.of(new CommunicationId(id.toString()));
	}

	private record SigningKey(byte[] id, SecretKeySpec key) {

		static SigningKey of(String secret) {
			byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
			try {
				byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
				return new SigningKey(Arrays.copyOf(hash, KEY_ID), new SecretKeySpec(bytes, "HmacSHA256"));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
			}
		}

		byte[] sign(byte[] data) {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(this.key);
				return Arrays.copyOf(mac.doFinal(data), MAC);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("HmacSHA256 is required by the Java platform", ex);
			}
		}

	}

}
