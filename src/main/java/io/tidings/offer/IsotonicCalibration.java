package io.tidings.offer;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Turns a model's raw scores into probabilities that match observed response rates:
 * isotonic regression (pool adjacent violators) fitted on scores of held-out customers,
 * read between its steps by linear interpolation so that distinct scores keep their
 * order.
 *
 * @param scores raw scores at the steps, ascending
 * @param probabilities the observed response rate at each step, ascending
 */
record IsotonicCalibration(double[] scores, double[] probabilities) {

	static IsotonicCalibration fit(double[] raw, int[] labels) {
		Integer[] order = IntStream.range(0, raw.length).boxed().toArray(Integer[]::new);
		Arrays.sort(order, Comparator.comparingDouble(i -> raw[i]));
		double[] sumScore = new double[raw.length];
		double[] sumLabel = new double[raw.length];
		int[] count = new int[raw.length];
		int blocks = 0;
		for (int index : order) {
			sumScore[blocks] = raw[index];
			sumLabel[blocks] = labels[index];
			count[blocks] = 1;
			blocks++;
			while (blocks > 1 && sumLabel[blocks - 2] / count[blocks - 2] >= sumLabel[blocks - 1] / count[blocks - 1]) {
				sumScore[blocks - 2] += sumScore[blocks - 1];
				sumLabel[blocks - 2] += sumLabel[blocks - 1];
				count[blocks - 2] += count[blocks - 1];
				blocks--;
			}
		}
		double[] scores = new double[blocks];
		double[] probabilities = new double[blocks];
		for (int block = 0; block < blocks; block++) {
			scores[block] = sumScore[block] / count[block];
			probabilities[block] = sumLabel[block] / count[block];
		}
		return new IsotonicCalibration(scores, probabilities);
	}

	double apply(double raw) {
		int position = Arrays.binarySearch(this.scores, raw);
		if (position >= 0) {
			return this.probabilities[position];
		}
		int above = -position - 1;
		if (above == 0) {
			return this.probabilities[0];
		}
		if (above == this.scores.length) {
			return this.probabilities[this.scores.length - 1];
		}
		double share = (raw - this.scores[above - 1]) / (this.scores[above] - this.scores[above - 1]);
		return this.probabilities[above - 1] + share * (this.probabilities[above] - this.probabilities[above - 1]);
	}

}
