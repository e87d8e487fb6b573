package io.tidings.offer;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How well scores rank the customers a contact persuades first, measured on a campaign
 * with a randomised control group. Customers are taken in order of falling score (ties in
 * the order given); after the first k, the incremental responders are
 * {@code Q(k) = R_t(k) − R_c(k) × N_t(k) / N_c(k)}: the contacted responders less the
 * responders the control group's rate predicts for as many contacted customers (no
 * correction while no control customer is among the first k). The Qini curve plots
 * {@code Q(k) / N} against {@code k / N}; the Qini coefficient is the area between that
 * curve and the straight line of random targeting to the same end point (trapezoids over
 * every k): 0 for random order, higher the more incremental responders come first.
 */
public final class UpliftMetrics {

	private UpliftMetrics() {
	}

	/**
	 * @param scores one score per customer, higher is contacted first
	 * @param treated whether each customer was contacted
	 * @param labels whether each customer responded (1) or not (0)
	 */
	public static double qini(double[] scores, boolean[] treated, int[] labels) {
		double[] curve = incremental(scores, treated, labels);
		int n = scores.length;
		double area = 0;
		for (int k = 0; k < n; k++) {
			area += (curve[k] + curve[k + 1]) / 2 / n;
		}
		return (area - curve[n] / 2) / n;
	}

	/**
	 * Points of the Qini curve at each tenth of the customers: {@code Q(k) / N} for
	 * {@code k = 0, N/10, … N}.
	 */
	public static double[] qiniCurve(double[] scores, boolean[] treated, int[] labels) {
		double[] curve = incremental(scores, treated, labels);
		int n = scores.length;
		return IntStream.rangeClosed(0, 10)
			.mapToDouble(tenth -> curve[(int) Math.round(n * tenth / 10.0)] / n)
			.toArray();
	}

	/** {@code Q(k)} for k = 0 … N. */
	private static double[] incremental(double[] scores, boolean[] treated, int[] labels) {
		Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
		Arrays.sort(order, Comparator.comparingDouble(i -> -scores[i]));
		double[] curve = new double[scores.length + 1];
		long treatedCount = 0;
		long treatedResponders = 0;
		long controlCount = 0;
		long controlResponders = 0;
		for (int k = 0; k < order.length; k++) {
			int i = order[k];
			if (treated[i]) {
				treatedCount++;
				treatedResponders += labels[i];
			}
			else {
				controlCount++;
				controlResponders += labels[i];
			}
			curve[k + 1] = treatedResponders
					- ((controlCount > 0) ? controlResponders * (double) treatedCount / controlCount : 0);
		}
		return curve;
	}

}
