package io.tidings.policy;

import io.tidings.customer.Customer;

/**
 * The value tier of a customer, which orders the channels of marketing documents (core
 * customers may get richer channels, the general tier the cheapest effective one). Until
 * value tiers are scored, a free customer attribute named in the job file holds the tier;
 * a bean of this type replaces that for every campaign.
 */
@FunctionalInterface
public interface ValueTiers {

	/** The tier of customers nothing else places. */
	String GENERAL = "general";

	String tierOf(Customer customer);

	/**
	 * Tiers read from a free attribute of the customer; {@value #GENERAL} when it is
	 * absent or blank, or when no attribute is named.
	 */
	static ValueTiers fromAttribute(@org.jspecify.annotations.Nullable String attribute) {
		return customer -> {
			String tier = (attribute != null) ? customer.attributes().get(attribute) : null;
			return (tier == null || tier.isBlank()) ? GENERAL : tier.strip().toLowerCase(java.util.Locale.ROOT);
		};
	}

}
