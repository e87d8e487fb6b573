package io.tidings.customer;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * Money amounts as stored (19 digits, 2 of them decimals): a value with more decimals
 * would be rounded, a larger one would not fit, so either is rejected with its record.
 */
final class Amounts {

	private static final BigDecimal LIMIT = new BigDecimal("1e17");

	private Amounts() {
	}

	/**
	 * Why an amount cannot be stored, or {@code null} when it can.
	 */
	static @Nullable String problem(BigDecimal amount) {
		if (amount.stripTrailingZeros().scale() > 2) {
			return "has more than 2 decimals";
		}
		if (amount.abs().compareTo(LIMIT) >= 0) {
			return "is out of range";
		}
		return null;
	}

}
