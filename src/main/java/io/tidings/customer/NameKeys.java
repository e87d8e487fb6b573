package io.tidings.customer;

import java.util.Locale;

import com.ibm.icu.text.Transliterator;
import org.jspecify.annotations.Nullable;

/**
 * Comparable forms of names and addresses: transliterated to Latin (ICU: Greek, Cyrillic,
 * Chinese and other scripts to their Latin spelling), accents removed, lower case,
 * punctuation as spaces, so that {@code Γιώργος}, {@code GIORGOS} and {@code Giorgos}
 * compare alike.
 */
final class NameKeys {

	private static final Transliterator TO_LATIN = Transliterator.getInstance("Any-Latin; Latin-ASCII; Lower");

	private NameKeys() {
	}

	static String comparable(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		String latin;
		synchronized (TO_LATIN) {
			latin = TO_LATIN.transliterate(text);
		}
		return latin.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
	}

	/** First and last name in that order, comparable. */
	static String fullName(Customer customer) {
		return (comparable(customer.firstName()) + " " + comparable(customer.lastName())).strip();
	}

	/**
	 * Last and first name, comparable: the order many records of East Asian names use.
	 */
	static String reversedName(Customer customer) {
		return (comparable(customer.lastName()) + " " + comparable(customer.firstName())).strip();
	}

	/**
	 * The household key of an address: country, postcode without spaces and the first
	 * address line, comparable; empty when the address is not deliverable.
	 */
	static String household(PostalAddress address) {
		if (!address.isDeliverable()) {
			return "";
		}
		String postcode = (address.postcode() != null)
				? address.postcode().replaceAll("\\s+", "").toUpperCase(Locale.ROOT) : "";
		return address.country() + "|" + postcode + "|" + comparable(address.line1());
	}

	static @Nullable String email(@Nullable String email) {
		return (email == null) ? null : email.strip().toLowerCase(Locale.ROOT);
	}

}
