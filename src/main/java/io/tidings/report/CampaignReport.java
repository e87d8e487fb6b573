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
 */
public record CampaignReport(String campaign, List<String> runs, long audience, long audienceContacts,
		List<Count> delivery, List<Rate> responses, Lift lift, List<Count> reasons, @Nullable BigDecimal cost) {

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
