package io.tidings.customer;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * How records from different sources are recognised as one person, and how their values
 * are merged. Two records match when their names have the same {@link TextKeys comparable
 * form} and their dates of birth are equal; without a date of birth a record only matches
 * its own source id.
 */
final class CustomerMatching {

	private CustomerMatching() {
	}

	static String matchKey(Customer customer) {
		if (customer.birthDate() == null) {
			return "id:" + customer.id();
		}
		return TextKeys.words(customer.firstName()) + "|" + TextKeys.words(customer.lastName()) + "|"
				+ customer.birthDate();
	}

	/**
	 * A newer extract of the same source record: its values replace the stored ones,
	 * except where it is blank. Consents and preferences always follow the newer extract,
	 * so a withdrawn consent is never kept alive.
	 */
	static Customer updateFromSameSource(Customer stored, Customer incoming) {
		return merge(stored, incoming, true);
	}

	/**
	 * A record from another source for the same person: it fills what the stored customer
	 * lacks and never overrides what is there; a consent holds only if both sources give
	 * it.
	 */
	static Customer mergeOtherSource(Customer stored, Customer incoming) {
		return merge(stored, incoming, false);
	}

	private static Customer merge(Customer stored, Customer incoming, boolean incomingWins) {
		Customer first = incomingWins ? incoming : stored;
		Customer second = incomingWins ? stored : incoming;
		Set<String> holdings = new TreeSet<>(stored.holdings());
		holdings.addAll(incoming.holdings());
		Map<String, String> attributes = new HashMap<>(second.attributes());
		attributes.putAll(first.attributes());
		PostalAddress address = (first.address().isDeliverable()) ? first.address() : second.address();
		BigDecimal balance = incomingWins ? incoming.balance() : stored.balance();
		return new Customer(stored.id(), either(first.salutation(), second.salutation()),
				either(first.firstName(), second.firstName()), either(first.lastName(), second.lastName()),
				first.language(), address, either(first.email(), second.email()), either(first.phone(), second.phone()),
				(first.birthDate() != null) ? first.birthDate() : second.birthDate(), balance, first.currency(),
				holdings, Math.max(first.children(), second.children()),
				either(first.maritalStatus(), second.maritalStatus()),
				incomingWins ? incoming.consentEmail() : stored.consentEmail() && incoming.consentEmail(),
				incomingWins ? incoming.consentSms() : stored.consentSms() && incoming.consentSms(),
				incomingWins ? incoming.paperless() : stored.paperless() || incoming.paperless(), attributes,
				either(first.account(), second.account()));
	}

	private static @Nullable String either(@Nullable String preferred, @Nullable String fallback) {
		return (preferred != null) ? preferred : fallback;
	}

}
