package io.tidings.customer;

import java.util.Locale;

/**
 * How valuable a customer is, relative to the others in a run: the top share by value is
 * {@code core}, the next share {@code high}, the rest {@code general} (5 % and 15 %
 * unless a job file says otherwise). Richer, costlier channels may be kept for higher
 * tiers.
 */
public enum ValueTier {

	CORE, HIGH, GENERAL;

	/** Lower-case name used in rules ({@code tier == 'core'}) and reports. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
