package io.tidings.customer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The keys by which a source record can meet another in {@link CustomerMatcher matching},
 * the keys of the candidate lookups ({@link CustomerRepository#findCandidates}): its
 * source id, its email, its phone, and its date of birth and household each with its name
 * initials. A record with two initials ({@code ab}) is looked up with the same two and
 * with either alone, a record with one ({@code a}) with any pair that holds it: so
 * besides the exact pair, each initial is a key of its own that links records only where
 * a record of one name shares it ({@link Key#always()} false for the initials of a pair),
 * and records of two initials that share one letter stay apart, as the lookups keep them.
 * Records that share no key, directly or through other records of the file, can be
 * matched side by side without one missing the other. Each key is kept as 64 bits of its
 * HMAC-SHA256 under a random secret of the import, kept in the job repository: the file
 * between the passes holds no email, phone or date of birth, nor a hash that a known one
 * could be checked against without the secret. Two keys that hash alike only link records
 * that need not be.
 */
final class CustomerRecordLinks {

	private static final String ALGORITHM = "HmacSHA256";

	private final Mac mac;

	CustomerRecordLinks(byte[] secret) {
		try {
			this.mac = Mac.getInstance(ALGORITHM);
			this.mac.init(new SecretKeySpec(secret, ALGORITHM));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("No " + ALGORITHM + " in this Java runtime", ex);
		}
	}

	/**
	 * @param hash the key's hash
	 * @param always whether the key links every record that has it, or only where one of
	 * them has it always (an initial of a record of one name)
	 */
	record Key(long hash, boolean always) {

		/** {@code 3fa9...}, with {@code ?} after a key that does not link always. */
		String text() {
			return Long.toHexString(this.hash) + (this.always ? "" : "?");
		}

	}

	List<Key> keys(Customer customer) {
		List<Key> keys = new ArrayList<>(8);
		keys.add(new Key(hash("id", customer.id()), true));
		String email = NameKeys.email(customer.email());
		if (email != null) {
			keys.add(new Key(hash("email", email), true));
		}
		if (customer.phone() != null) {
			keys.add(new Key(hash("phone", customer.phone()), true));
		}
		String initials = NameKeys.initials(customer);
		if (initials == null) {
			return keys;
		}
		LocalDate birthDate = customer.birthDate();
		String household = NameKeys.household(customer.address());
		List<String> values = new ArrayList<>(2);
		if (birthDate != null) {
			values.add("born " + birthDate);
		}
		if (!household.isEmpty()) {
			values.add("household " + household);
		}
		boolean pair = initials.offsetByCodePoints(0, 1) < initials.length();
		for (String value : values) {
			if (pair) {
				keys.add(new Key(hash("initials " + initials, value), true));
			}
			for (int offset = 0; offset < initials.length(); offset = initials.offsetByCodePoints(offset, 1)) {
				keys.add(new Key(hash("initial " + Character.toString(initials.codePointAt(offset)), value), !pair));
			}
		}
		return keys;
	}

	private long hash(String kind, @Nullable String value) {
		byte[] digest = this.mac.doFinal((kind + '\u0000' + value).getBytes(StandardCharsets.UTF_8));
		return ByteBuffer.wrap(digest).getLong();
	}

}
