package io.tidings.offer;

import java.util.Locale;
import java.util.Optional;

/**
 * Under {@code ranking: uplift}, a customer whose estimated uplift for an offer is zero
 * or less is not made that offer: the contact is expected to change nothing (a sure thing
 * or a lost cause) or to put the customer off (a do-not-disturb), so it costs a contact
 * and earns nothing, or loses a sale.
 */
final class DoNotDisturbPolicy {

	private DoNotDisturbPolicy() {
	}

	/** The reason an offer is not made, or nothing when the uplift is above zero. */
	static Optional<String> ruleOut(PropensityEstimator.Uplift uplift) {
		if (uplift.uplift() > 0) {
			return Optional.empty();
		}
		return Optional.of(String.format(Locale.ROOT, "do not disturb: uplift %.3f <= 0 from %s", uplift.uplift(),
				uplift.modelVersion()));
	}

}
