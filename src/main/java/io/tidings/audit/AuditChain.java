package io.tidings.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * The hash of an audit entry: SHA-256 over the previous entry's hash (64 zeros before the
 * first) and the entry's canonical content, one field a line in this order: sequence
 * number, time (ISO-8601, milliseconds), user, action, target, detail, search terms; a
 * text field written as its length, a colon and its value, a missing one as {@code -}, so
 * that no two entries read alike. Documented in the README for who checks an export.
 */
final class AuditChain {

	/** What the first entry chains to. */
	static final String GENESIS = "0".repeat(64);

	private AuditChain() {
	}

	static String hash(String previousHash, long seq, Instant occurredAt, String user, String action,
			@Nullable String target, @Nullable String detail, @Nullable String terms) {
		StringBuilder content = new StringBuilder(previousHash).append('\n')
			.append(seq)
			.append('\n')
			.append(occurredAt)
			.append('\n');
		for (String field : new String[] { user, action, target, detail, terms }) {
			content.append((field != null) ? field.length() + ":" + field : "-").append('\n');
		}
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(content.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

}
