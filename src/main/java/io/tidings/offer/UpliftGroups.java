package io.tidings.offer;

import org.jspecify.annotations.Nullable;

/**
 * The two groups an uplift model learns from, with how many of each took the product up.
 *
 * @param treated customers contacted with the offer
 * @param treatedPositives of them, customers who responded or bought
 * @param control customers held out by a control group
 * @param controlPositives of them, customers who bought anyway
 */
public record UpliftGroups(int treated, int treatedPositives, int control, int controlPositives) {

	/**
	 * Why a model cannot be trained from these groups, or null when it can: each group
	 * needs at least {@code minimum} customers who took the product up and as many who
	 * did not.
	 */
	@Nullable String shortfall(String product, int minimum) {
		int treatedNegatives = this.treated - this.treatedPositives;
		int controlNegatives = this.control - this.controlPositives;
		if (Math.min(this.treatedPositives, treatedNegatives) >= minimum
				&& Math.min(this.controlPositives, controlNegatives) >= minimum) {
			return null;
		}
		return "too few responses to train an uplift model for " + product + ": contacted " + this.treatedPositives
				+ " took it up and " + treatedNegatives + " did not, control group " + this.controlPositives
				+ " took it up and " + controlNegatives + " did not; " + minimum
				+ " of each in both groups needed (minimum-responses), and a campaign offering it with a control group";
	}

}
