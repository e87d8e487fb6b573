package io.tidings.offer;

import java.util.HashMap;
import java.util.Map;

/**
 * How many customers a run has offered each product so far, against the offers' volume
 * caps and budgets.
 */
public final class OfferVolumes {

	private final Map<String, Long> used;

	/**
	 * @param alreadyOffered customers offered each product in this run before (a resumed
	 * run)
	 */
	public OfferVolumes(Map<String, Long> alreadyOffered) {
		this.used = new HashMap<>(alreadyOffered);
	}

	public static OfferVolumes none() {
		return new OfferVolumes(Map.of());
	}

	boolean hasRoom(Offer offer) {
		return this.used.getOrDefault(offer.code(), 0L) < offer.capacity();
	}

	void take(Offer offer) {
		this.used.merge(offer.code(), 1L, Long::sum);
	}

	public long used(String code) {
		return this.used.getOrDefault(code, 0L);
	}

}
