package io.tidings.customer;

import java.time.LocalDate;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The keys by which a source record can meet another in {@link CustomerMatcher matching}:
 * its source id, its email, its phone, and its date of birth and household each with one
 * of its name initials (coarser than the candidate lookups, which also ask for the other
 * initial, so that two records the lookups could bring together always share a key).
 * Records that share no key, directly or through other records of the file, can be
 * matched side by side without one missing the other; each key is kept as a 64-bit hash,
 * and two keys that hash alike only link records that need not be.
 */
final class CustomerRecordLinks {

	private CustomerRecordLinks() {
	}

	static long[] keys(Customer customer) {
		long[] keys = new long[8];
		int count = 0;
		keys[count++] = hash("id", customer.id());
		String email = NameKeys.email(customer.email());
		if (email != null) {
			keys[count++] = hash("email", email);
		}
		if (customer.phone() != null) {
			keys[count++] = hash("phone", customer.phone());
		}
		String initials = NameKeys.initials(customer);
		if (initials != null) {
			LocalDate birthDate = customer.birthDate();
			String household = NameKeys.household(customer.address());
			for (int offset = 0; offset < initials.length(); offset = initials.offsetByCodePoints(offset, 1)) {
				String initial = Character.toString(initials.codePointAt(offset));
				if (birthDate != null) {
					keys[count++] = hash("born " + initial, birthDate.toString());
				}
				if (!household.isEmpty()) {
					keys[count++] = hash("household " + initial, household);
				}
			}
		}
		return Arrays.copyOf(keys, count);
	}

	/** FNV-1a over the kind and the value, then a finalising mix (MurmurHash3's). */
	static long hash(String kind, @Nullable String value) {
		long hash = 0xcbf29ce484222325L;
		String text = kind + '\u0000' + value;
		for (int i = 0; i < text.length(); i++) {
			hash ^= text.charAt(i);
			hash *= 0x100000001b3L;
		}
		hash ^= hash >>> 33;
		hash *= 0xff51afd7ed558ccdL;
		hash ^= hash >>> 33;
		hash *= 0xc4ceb9fe1a85ec53L;
		return hash ^ (hash >>> 33);
	}

}
