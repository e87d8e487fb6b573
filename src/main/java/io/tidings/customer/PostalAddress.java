package io.tidings.customer;

import org.jspecify.annotations.Nullable;

/**
 * A postal address as printed in an address block.
 *
 * @param line1 street and number
 * @param line2 optional second line
 * @param postcode postal code
 * @param city city
 * @param region state, province or prefecture (US {@code IL}, JP {@code 東京都}), where the
 * country's post office wants one
 * @param country ISO 3166-1 alpha-2 code
 */
public record PostalAddress(@Nullable String line1, @Nullable String line2, @Nullable String postcode,
		@Nullable String city, @Nullable String region, String country) {

	/**
	 * An address without a region.
	 */
	public PostalAddress(@Nullable String line1, @Nullable String line2, @Nullable String postcode,
			@Nullable String city, String country) {
		this(line1, line2, postcode, city, null, country);
	}

	/**
	 * Whether a letter can be addressed to it.
	 */
	public boolean isDeliverable() {
		return this.line1 != null && this.city != null;
	}

}
