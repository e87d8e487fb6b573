package io.tidings.report;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a campaign did, over all its real runs (dry runs left out).
 *
 * @param campaign the campaign
 * @param runs its run keys, oldest first
 * @param audience distinct customers in its audiences
 * @param audienceContacts customers summed over runs
 * @param delivery communications per channel and state
 * @param responses response rates (and complaints) of cross-sell offers by offer,
 * variant, tier and channel
 * @param lift responses of the contacted against the control group
 * @param reasons why communications were suppressed, failed or bounced
 * @param cost what the sent communications cost, when costs are configured
 * @param models the propensity models of the offered products now: each candidate the
 * last retrain compared, champion first
 */
public record CampaignReport(String campaign, List<String> runs, long audience, long audienceContacts,
		List<Count> delivery, List<Rate> responses, Lift lift, List<Count> reasons, @Nullable BigDecimal cost,
		List<ModelFigures> models) {

	/**
	 * A candidate of a product's newest propensity model, as its retrain measured it by
	 * stratified cross-validation.
	 *
	 * @param product the product
	 * @param version the model's version
	 * @param kind the model kind ({@code logistic}, {@code gradient-boosting})
	 * @param role {@code champion} (the one that scores) or {@code challenger}
	 * @param auc cross-validated AUC
	 * @param brier cross-validated Brier score ({@code NaN} for a model trained before
	 * candidates were compared)
	 * @param liftAt20 lift in the top 20 % of scores ({@code NaN} likewise)
	 */
	public record ModelFigures(String product, int version, String kind, String role, double auc, double brier,
			double liftAt20) {

	}

	/**
	 * A count of communications.
	 *
	 * @param group the channel (delivery) or state (reasons)
	 * @param key the state (delivery) or reason code (reasons)
	 * @param count how many
	 */
	public record Count(String group, String key, long count) {

	}

	/**
	 * A response rate.
	 *
	 * @param dimension offer, variant, tier or channel
	 * @param key its value
	 * @param contacted cross-sell communications sent
	 * @param responders of them, those responded to
	 * @param complaints of them, those the recipient reported as spam
	 * ({@code COMPLAINED})
	 */
	public record Rate(String dimension, String key, long contacted, long responders, long complaints) {

		public double rate() {
			return (this.contacted > 0) ? (double) this.responders / this.contacted : 0;
		}

	}

	/** Cost per responder, when costs are configured and someone responded. */
	public @Nullable BigDecimal costPerResponse() {
		if (this.cost == null || this.lift.treatedResponders() == 0) {
			return null;
		}
		return this.cost.divide(BigDecimal.valueOf(this.lift.treatedResponders()), 2, java.math.RoundingMode.HALF_UP);
	}

}
