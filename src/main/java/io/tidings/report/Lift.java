package io.tidings.report;

/**
 * The lift of a campaign over its control group: the difference between the response
 * rates of the customers it contacted and of those it held out, with a 95% confidence
 * interval (Wald interval for a difference of two proportions, which is fair when each
 * group has at least a handful of responders and non-responders).
 *
 * @param treated customers contacted with an offer
 * @param treatedResponders of them, customers who responded
 * @param control customers held out
 * @param controlResponders of them, customers who responded anyway
 */
public record Lift(long treated, long treatedResponders, long control, long controlResponders) {

	private static final double Z_95 = 1.959964;

	public double treatedRate() {
		return rate(this.treatedResponders, this.treated);
	}

	public double controlRate() {
		return rate(this.controlResponders, this.control);
	}

	/** Whether there is a control group to compare with. */
	public boolean measurable() {
		return this.treated > 0 && this.control > 0;
	}

	/** Treated minus control response rate (percentage points as a fraction). */
	public double difference() {
		return treatedRate() - controlRate();
	}

	/**
	 * Treated rate relative to control rate, minus one; NaN when no control responded.
	 */
	public double relative() {
		return (controlRate() > 0) ? treatedRate() / controlRate() - 1 : Double.NaN;
	}

	public double low() {
		return difference() - margin();
	}

	public double high() {
		return difference() + margin();
	}

	/** Whether the interval excludes zero: the campaign made a difference. */
	public boolean significant() {
		return measurable() && (low() > 0 || high() < 0);
	}

	private double margin() {
		if (!measurable()) {
			return Double.NaN;
		}
		double t = treatedRate();
		double c = controlRate();
		return Z_95 * Math.sqrt(t * (1 - t) / this.treated + c * (1 - c) / this.control);
	}

	private static double rate(long part, long whole) {
		return (whole > 0) ? (double) part / whole : Double.NaN;
	}

}
