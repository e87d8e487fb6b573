package io.tidings.customer;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * The balances that split customers into value tiers for one run.
 *
 * @param core a balance at or above this is {@code core} (none when the core share is 0)
 * @param high a balance at or above this (and below {@code core}) is {@code high}
 */
public record ValueTierThresholds(@Nullable BigDecimal core, @Nullable BigDecimal high) {

	public ValueTier tierOf(Customer customer) {
		BigDecimal balance = customer.balance();
		if (this.core != null && balance.compareTo(this.core) >= 0) {
			return ValueTier.CORE;
		}
		if (this.high != null && balance.compareTo(this.high) >= 0) {
			return ValueTier.HIGH;
		}
		return ValueTier.GENERAL;
	}

}
