package io.tidings.offer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.tidings.customer.Customer;
import io.tidings.customer.CustomerFacts;

/**
 * Picks the one offer that fits a customer best: every offer is checked against the
 * eligibility policies; among those left, the highest expected value (response score ×
 * margin) wins, then the higher priority, then the code. The reason names the winner's
 * rule and score and why the others lost, so a call-centre agent can explain it.
 */
public final class OfferArbitration {

	private final OfferCatalog catalog;

	private final List<OfferEligibilityPolicy> policies;

	public OfferArbitration(OfferCatalog catalog) {
		this.catalog = catalog;
		this.policies = OfferEligibilityPolicy.allCurrentPolicies();
	}

	public OfferDecision choose(Customer customer, LocalDate asOf, Map<String, ProductScore> scores) {
		Map<String, Object> facts = CustomerFacts.of(customer, asOf);
		List<Candidate> eligible = new ArrayList<>();
		List<String> ruledOut = new ArrayList<>();
		for (Offer offer : this.catalog.offers()) {
			Optional<String> rejection = this.policies.stream()
				.map(policy -> policy.ruleOut(offer, customer, facts, asOf, scores))
				.flatMap(Optional::stream)
				.findFirst();
			if (rejection.isPresent()) {
				ruledOut.add(offer.code() + " (" + rejection.get() + ")");
			}
			else {
				double score = scores.getOrDefault(offer.code(), ProductScore.unknown(offer.code())).score();
				eligible.add(new Candidate(offer, score));
			}
		}
		if (eligible.isEmpty()) {
			return new OfferDecision.NoOffer("no eligible offer: " + String.join("; ", ruledOut));
		}
		eligible.sort(Comparator.comparingDouble(Candidate::expectedValue)
			.reversed()
			.thenComparing(candidate -> -candidate.offer().priority())
			.thenComparing(candidate -> candidate.offer().code()));
		Candidate best = eligible.get(0);
		StringBuilder reason = new StringBuilder().append(best.offer().code())
			.append(": rule '")
			.append(best.offer().eligibility().text())
			.append("' met; response score ")
			.append(format(best.score()))
			.append(" x margin ")
			.append(format(best.offer().margin()))
			.append(" = expected value ")
			.append(format(best.expectedValue()));
		eligible.stream()
			.skip(1)
			.forEach(other -> reason.append("; preferred over ")
				.append(other.offer().code())
				.append(" (expected value ")
				.append(format(other.expectedValue()))
				.append(')'));
		if (!ruledOut.isEmpty()) {
			reason.append("; ruled out: ").append(String.join("; ", ruledOut));
		}
		return new OfferDecision.Chosen(best.offer(), best.score(), reason.toString());
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

	private record Candidate(Offer offer, double score) {

		double expectedValue() {
			return this.score * this.offer.margin();
		}

	}

}
