package io.tidings.offer;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How well scores rank responders first: area under the ROC curve, and lift in the top
 * share of customers.
 */
public final class RankingMetrics {

	private RankingMetrics() {
	}

	/**
	 * Area under the ROC curve (ties count half), from scores and 0/1 labels.
	 */
	public static double auc(double[] scores, int[] labels) {
		Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
		Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
		double rankSum = 0;
		long positives = 0;
		long negatives = 0;
		int i = 0;
		while (i < order.length) {
			int j = i;
			while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
				j++;
			}
			double rank = (i + j) / 2.0 + 1;
			for (int k = i; k <= j; k++) {
				if (labels[order[k]] == 1) {
					rankSum += rank;
					positives++;
				}
				else {
					negatives++;
				}
			}
			i = j + 1;
		}
		return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
	}

	/**
	 * Response rate among the top share of scores, divided by the overall response rate.
	 */
	public static double lift(double[] scores, int[] labels, double share) {
		Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
		Arrays.sort(order, Comparator.comparingDouble(i -> -scores[i]));
		int top = (int) Math.round(scores.length * share);
		double hits = 0;
		for (int i = 0; i < top; i++) {
			hits += labels[order[i]];
		}
		double base = Arrays.stream(labels).sum() / (double) labels.length;
		return (hits / top) / base;
	}

}
