package io.tidings.offer;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

import io.tidings.customer.Customer;
import io.tidings.customer.ValueTier;

import io.tidings.outbox.Channel;
import io.tidings.segment.CustomerExpression;

/**
 * Offers for tests.
 */
final class OfferFixture {

	private OfferFixture() {
	}

	static Offer anOffer(String code, String rule, int priority, double margin) {
		return new Offer(code, code + " name", priority, margin, CustomerExpression.parse(rule),
				EnumSet.allOf(Channel.class), null, null,
				Map.of("en", new OfferContent(code + " headline", "body", "call", "sms")), null, null, 0,
				ModelSpec.defaults());
	}

	/** Arbitrates without models (response history only) and without volume caps used. */
	static OfferDecision arbitrate(OfferCatalog catalog, Customer customer, Map<String, ProductScore> history) {
		LocalDate asOf = LocalDate.of(2026, 9, 30);
		return new OfferArbitration(catalog, new PropensityEstimator(code -> Optional.empty())).choose(customer,
				catalog.facts(customer, asOf, ValueTier.GENERAL), asOf, history, OfferVolumes.none());
	}

	static Offer anExpiredOffer(String code) {
		Offer offer = anOffer(code, "true", 0, 1);
		return new Offer(offer.code(), offer.name(), offer.priority(), offer.margin(), offer.eligibility(),
				offer.channels(), LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31), offer.content(), null, null, 0,
				ModelSpec.defaults());
	}

}
