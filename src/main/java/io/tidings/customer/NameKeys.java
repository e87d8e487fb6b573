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

	/**
	 * The initials key that blocks the date-of-birth and household lookups of
	 * {@link CustomerMatcher matching}: the first letters of the comparable first and
	 * last names in alphabetical order, so that either name order gives the same key
	 * ({@code Wang Fang} and {@code Fang Wang}: {@code fw}); one letter when only one
	 * name is given; {@code null} without a name (such a record cannot match by name).
	 * <p>
	 * Jaro-Winkler similarity rewards a common prefix, so names similar enough for rules
	 * 1 and 4 nearly always share their initials; those that do not ({@code Catherine}
	 * and {@code Katherine}, a typo in the first letter) are no longer compared by date
	 * of birth or address, the price of keeping the candidates few however large the
	 * base. They are still merged when they share an email or a phone (rules 2 and 3).
	 */
	static @Nullable String initials(@Nullable String firstName, @Nullable String lastName) {
		String first = initial(firstName);
		String last = initial(lastName);
		if (first.isEmpty() || last.isEmpty()) {
			return (first + last).isEmpty() ? null : first + last;
		}
		return (first.compareTo(last) <= 0) ? first + last : last + first;
	}

	static @Nullable String initials(Customer customer) {
		return initials(customer.firstName(), customer.lastName());
	}

	private static String initial(@Nullable String name) {
		String words = TextKeys.words(name);
		return words.isEmpty() ? "" : Character.toString(words.codePointAt(0));
	}

	static @Nullable String email(@Nullable String email) {
		return (email == null) ? null : email.strip().toLowerCase(Locale.ROOT);
	}

}
