package io.tidings.campaign;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.tidings.customer.Customer;
import io.tidings.customer.ValueTier;
import io.tidings.customer.ValueTierThresholds;
import io.tidings.offer.OfferArbitration;
import io.tidings.offer.ProductAssociations;
import io.tidings.offer.PropensityEstimator;
import io.tidings.offer.ResponseScores;

/**
 * The select stage for one customer: whether the segment takes them, and if so their
 * value tier, control group, variant, and priority (the best expected value of an offer,
 * so that the decide stage serves the most valuable customers first and capped offers go
 * where they are worth most).
 */
class AudienceSelector {

	private final CampaignRunContext context;

	private final ValueTierThresholds tiers;

	private final ExperimentAssignment assignment;

	private final OfferArbitration arbitration;

	private final ResponseScores scores;

	private final ProductAssociations.Affinities affinities;

	AudienceSelector(CampaignRunContext context, ValueTierThresholds tiers, PropensityEstimator estimator,
			ResponseScores scores, ProductAssociations.Affinities affinities) {
		this.context = context;
		this.tiers = tiers;
		this.assignment = new ExperimentAssignment(context.run().campaign(), context.definition().experiment());
		this.arbitration = new OfferArbitration(context.offers(), estimator);
		this.scores = scores;
		this.affinities = affinities;
	}

	@Nullable AudienceMember select(Customer customer) {
		ValueTier tier = this.tiers.tierOf(customer);
		Map<String, Object> facts = this.context.offers().facts(customer, this.context.asOf(), tier, this.affinities);
		if (!this.context.definition().segment().test(facts)) {
			return null;
		}
		boolean control = this.assignment.inControlGroup(customer.id());
		double priority = this.arbitration.bestExpectedValue(customer, facts, this.context.asOf(),
				this.scores.forCustomer(customer.id()));
		return new AudienceMember(customer, tier, control, control ? null : this.assignment.variant(customer.id()),
				priority);
	}

}
