package io.tidings.offer;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.Channel;
import io.tidings.segment.CustomerExpression;

/**
 * A product that can be offered.
 *
 * @param code product code, as in customer holdings and responses
 * @param name product name
 * @param priority tie-breaker between offers of equal expected value (higher wins)
 * @param margin expected value of one take-up
 * @param eligibility who may be offered the product
 * @param channels channels the offer may use
 * @param validFrom first day the offer may be made
 * @param validTo last day the offer may be made
 * @param content texts per language (ISO 639-1)
 */
public record Offer(String code, String name, int priority, double margin, CustomerExpression eligibility,
		Set<Channel> channels, @Nullable LocalDate validFrom, @Nullable LocalDate validTo,
		Map<String, OfferContent> content) {

	/**
	 * The texts in a language, falling back to English, then to any language.
	 */
	public OfferContent contentFor(String language) {
		OfferContent texts = this.content.get(language);
		if (texts == null) {
			texts = this.content.get("en");
		}
		return (texts != null) ? texts : this.content.values().iterator().next();
	}

	public boolean isValidOn(LocalDate date) {
		return (this.validFrom == null || !date.isBefore(this.validFrom))
				&& (this.validTo == null || !date.isAfter(this.validTo));
	}

}
