package io.tidings.outbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The deterministic id of a communication: a name-based (version 5, SHA-1) UUID of
 * campaign, run key, customer id, channel and document kind. Planning the same
 * communication twice always yields the same id, which is what makes delivery idempotent.
 *
 * @param value the UUID in its canonical lower-case form
 */
public record CommunicationId(String value) {

	/** Namespace of Tidings communication ids (itself a fixed random UUID). */
	private static final UUID NAMESPACE = UUID.fromString("5f0c8a3e-2d4b-4f7e-9a51-6b1d2c3e4f50");

	public CommunicationId {
		UUID.fromString(value);
	}

	public static CommunicationId of(String campaign, String runKey, String customerId, Channel channel,
			DocumentKind kind) {
		String name = String.join("\u001f", campaign, runKey, customerId, channel.name(), kind.name());
		return new CommunicationId(nameBasedUuid(name).toString());
	}

	private static UUID nameBasedUuid(String name) {
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			sha1.update(toBytes(NAMESPACE));
			byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
			hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
			hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
			long msb = 0;
			long lsb = 0;
			for (int i = 0; i < 8; i++) {
				msb = (msb << 8) | (hash[i] & 0xff);
				lsb = (lsb << 8) | (hash[i + 8] & 0xff);
			}
			return new UUID(msb, lsb);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is required by the Java platform", ex);
		}
	}

	private static byte[] toBytes(UUID uuid) {
		byte[] bytes = new byte[16];
		long msb = uuid.getMostSignificantBits();
		long lsb = uuid.getLeastSignificantBits();
		for (int i = 0; i < 8; i++) {
			bytes[i] = (byte) (msb >>> (56 - 8 * i));
			bytes[i + 8] = (byte) (lsb >>> (56 - 8 * i));
		}
		return bytes;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
