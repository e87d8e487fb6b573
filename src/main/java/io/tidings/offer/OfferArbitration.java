package io.tidings.offer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.tidings.customer.Customer;

/**
 * Picks the one offer that fits a customer best: every offer is checked against the
 * eligibility policies; among those left, the highest expected value (propensity ×
 * margin) wins, then the higher priority, then the code; an offer whose volume cap or
 * budget is used up in the run gives way to the next. An offer ranked by uplift
 * ({@link Ranking#UPLIFT}) competes with uplift × margin instead, and is not made to a
 * customer whose uplift is zero or less ({@link DoNotDisturbPolicy}). The reason names
 * the winner's rule, propensity (with the model and its strongest features) and why the
 * others lost, so a call-centre agent can explain it.
 */
public final class OfferArbitration {

	private final OfferCatalog catalog;

	private final PropensityEstimator estimator;

	private final List<OfferEligibilityPolicy> policies;

	public OfferArbitration(OfferCatalog catalog, PropensityEstimator estimator) {
		this.catalog = catalog;
		this.estimator = estimator;
		this.policies = OfferEligibilityPolicy.allCurrentPolicies();
	}

	/**
	 * Chooses an offer and takes it from the run's volumes.
	 * @param facts the customer's facts ({@link OfferCatalog#facts})
	 * @param history the customer's response history per product
	 */
	public OfferDecision choose(Customer customer, Map<String, Object> facts, LocalDate asOf,
			Map<String, ProductScore> history, OfferVolumes volumes) {
		List<Candidate> eligible = new ArrayList<>();
		List<String> ruledOut = new ArrayList<>();
		for (Offer offer : this.catalog.offers()) {
			Optional<String> rejection = this.policies.stream()
				.map(policy -> policy.ruleOut(offer, customer, facts, asOf, history))
				.flatMap(Optional::stream)
				.findFirst();
			if (rejection.isEmpty() && !volumes.hasRoom(offer)) {
				rejection = Optional.of("volume cap or budget of " + offer.capacity() + " customers used up");
			}
			PropensityEstimator.Uplift uplift = null;
			if (rejection.isEmpty() && offer.rankedByUplift()) {
				Optional<PropensityEstimator.Uplift> estimated = this.estimator.uplift(offer, facts);
				rejection = estimated.isEmpty() ? Optional.of("ranked by uplift, but the product has no uplift model")
						: DoNotDisturbPolicy.ruleOut(estimated.get());
				uplift = estimated.orElse(null);
			}
			if (rejection.isPresent()) {
				ruledOut.add(offer.code() + " (" + rejection.get() + ")");
			}
			else {
				eligible.add(new Candidate(offer, this.estimator.estimate(offer, facts, history), uplift));
			}
		}
		if (eligible.isEmpty()) {
			return new OfferDecision.NoOffer("no eligible offer: " + String.join("; ", ruledOut));
		}
		eligible.sort(ranking());
		Candidate best = eligible.get(0);
		volumes.take(best.offer());
		StringBuilder reason = new StringBuilder().append(best.offer().code())
			.append(": rule '")
			.append(best.offer().eligibility().text())
			.append("' met; ");
		if (best.uplift() != null) {
			reason.append(String.format(Locale.ROOT, "ranked by uplift %.3f x margin %s = incremental value %s, %s; ",
					best.uplift().uplift(), format(best.offer().margin()), format(best.value()),
					best.uplift().modelVersion()));
		}
		reason.append("propensity ")
			.append(format(best.estimate().propensity()))
			.append(" from ")
			.append(best.estimate().basis());
		if (best.uplift() == null) {
			reason.append(" x margin ")
				.append(format(best.offer().margin()))
				.append(" = expected value ")
				.append(format(best.value()));
		}
		eligible.stream()
			.skip(1)
			.forEach(other -> reason.append("; preferred over ")
				.append(other.offer().code())
				.append((other.uplift() != null) ? " (incremental value " : " (expected value ")
				.append(format(other.value()))
				.append(')'));
		if (!ruledOut.isEmpty()) {
			reason.append("; ruled out: ").append(String.join("; ", ruledOut));
		}
		return new OfferDecision.Chosen(best.offer(), best.estimate().propensity(), best.value(),
				(best.uplift() != null) ? best.uplift().modelVersion() : best.estimate().modelVersion(),
				reason.toString());
	}

	/**
	 * The best expected value among the offers a customer is eligible for (0 when none),
	 * ignoring volume caps: it orders the audience so that capped offers go to the
	 * customers they are worth most for.
	 */
	public double bestExpectedValue(Customer customer, Map<String, Object> facts, LocalDate asOf,
			Map<String, ProductScore> history) {
		double best = 0;
		for (Offer offer : this.catalog.offers()) {
			boolean eligible = this.policies.stream()
				.allMatch(policy -> policy.ruleOut(offer, customer, facts, asOf, history).isEmpty());
			if (eligible && offer.rankedByUplift()) {
				double uplift = this.estimator.uplift(offer, facts).map(PropensityEstimator.Uplift::uplift).orElse(0.0);
				best = Math.max(best, uplift * offer.margin());
			}
			else if (eligible) {
				best = Math.max(best, this.estimator.estimate(offer, facts, history).propensity() * offer.margin());
			}
		}
		return best;
	}

	private static Comparator<Candidate> ranking() {
		return Comparator.comparingDouble(Candidate::value)
			.reversed()
			.thenComparing(candidate -> -candidate.offer().priority())
			.thenComparing(candidate -> candidate.offer().code());
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

	private record Candidate(Offer offer, PropensityEstimator.Estimate estimate,
			PropensityEstimator.@Nullable Uplift uplift) {

		/** Uplift × margin when ranked by uplift, else propensity × margin. */
		double value() {
			return ((this.uplift != null) ? this.uplift.uplift() : this.estimate.propensity()) * this.offer.margin();
		}

	}

}
