package io.tidings.customer;

import org.jspecify.annotations.Nullable;

/**
 * A postal address as printed in an address block.
 *
 * @param line1 street and number
 * @param line2 optional second line
 * @param postcode postal code
 * @param city city
 * @param country ISO 3166-1 alpha-2 code
 */
public record PostalAddress(@Nullable String line1, @Nullable String line2, @Nullable String postcode,
		@Nullable String city, String country) {

	/**
	 * Whether a letter can be addressed to it.
	 */
	public boolean isDeliverable() {
		return this.line1 != null && this.city != null;
	}

}
