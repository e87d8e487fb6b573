package io.tidings.offer;

import java.util.Locale;
import java.util.Optional;

/**
 * What arbitration ranks an offer's customers by ({@code ranking} in the offers file or
 * the job file).
 */
public enum Ranking {

	/** Propensity × margin: who is most likely to take it up. */
	EXPECTED_VALUE,
	/**
	 * Uplift × margin: whom a contact changes most, from the product's uplift model;
	 * customers it would put off are not contacted ({@link DoNotDisturbPolicy}).
	 */
	UPLIFT;

	/** {@code expected-value} or {@code uplift}, as written in the files. */
	public String key() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** The ranking a file names, if it names one. */
	public static Optional<Ranking> parse(String key) {
		for (Ranking ranking : values()) {
			if (ranking.key().equals(key.strip())) {
				return Optional.of(ranking);
			}
		}
		return Optional.empty();
	}

}
