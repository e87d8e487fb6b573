package io.tidings.customer;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The keys customer matching compares, built from the {@link TextKeys comparable forms}
 * of names and addresses.
 */
final class NameKeys {

	private NameKeys() {
	}

	/** First and last name in that order, comparable. */
	static String fullName(Customer customer) {
		return (TextKeys.words(customer.firstName()) + " " + TextKeys.words(customer.lastName())).strip();
	}

	/**
	 * Last and first name, comparable: the order many records of East Asian names use.
	 */
	static String reversedName(Customer customer) {
		return (TextKeys.words(customer.lastName()) + " " + TextKeys.words(customer.firstName())).strip();
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
		return address.country() + "|" + postcode + "|" + TextKeys.words(address.line1());
	}

	static @Nullable String email(@Nullable String email) {
		return (email == null) ? null : email.strip().toLowerCase(Locale.ROOT);
	}

}
