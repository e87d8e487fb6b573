package io.tidings.offer;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;

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
				Map.of("en", new OfferContent(code + " headline", "body", "call", "sms")));
	}

	static Offer anExpiredOffer(String code) {
		Offer offer = anOffer(code, "true", 0, 1);
		return new Offer(offer.code(), offer.name(), offer.priority(), offer.margin(), offer.eligibility(),
				offer.channels(), LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31), offer.content());
	}

}
