package io.tidings.offer;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tidings.customer.Customer;

/**
 * A rule that may rule an offer out for a customer; returns the reason, or nothing when
 * the offer may be made.
 */
@FunctionalInterface
interface OfferEligibilityPolicy {

	Optional<String> ruleOut(Offer offer, Customer customer, Map<String, Object> facts, LocalDate asOf,
			Map<String, ProductScore> scores);

	OfferEligibilityPolicy offerIsCurrent = (offer, customer, facts, asOf, scores) -> offer.isValidOn(asOf)
			? Optional.empty() : Optional.of("not valid on " + asOf);

	OfferEligibilityPolicy customerDoesNotHoldProduct = (offer, customer, facts, asOf,
			scores) -> customer.holdings().contains(offer.code()) ? Optional.of("already held") : Optional.empty();

	OfferEligibilityPolicy customerHasNotComplainedAboutProduct = (offer, customer, facts, asOf, scores) -> {
		ProductScore score = scores.get(offer.code());
		return (score != null && score.complaints() > 0) ? Optional.of("customer complained about it")
				: Optional.empty();
	};

	OfferEligibilityPolicy eligibilityRuleHolds = (offer, customer, facts, asOf, scores) -> {
		try {
			return offer.eligibility().test(facts) ? Optional.empty()
					: Optional.of("rule '" + offer.eligibility().text() + "' not met");
		}
		catch (IllegalArgumentException ex) {
			return Optional.of("rule could not be evaluated: " + ex.getMessage());
		}
	};

	static List<OfferEligibilityPolicy> allCurrentPolicies() {
		return List.of(offerIsCurrent, customerDoesNotHoldProduct, customerHasNotComplainedAboutProduct,
				eligibilityRuleHolds);
	}

}
