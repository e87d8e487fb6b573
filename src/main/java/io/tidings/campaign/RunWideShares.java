package io.tidings.campaign;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a partition of the decide stage shares a run-wide limit (an offer's volume cap, the
 * campaign's daily capacity) that a serial run spends in one pass: each partition gets a
 * share proportional to its weight (its customers not held out of marketing), by the
 * largest remainder, so the shares add up to the limit exactly, and every partition
 * computes the same shares on its own, in any process, on every restart. A share a
 * partition does not use is not passed on to the others, so a partitioned run may send
 * fewer capped contacts than a serial one, never more.
 *
 * @param index which partition this is
 * @param weights the weights of all partitions of the stage, in order
 */
record RunWideShares(int index, List<Long> weights) {

	RunWideShares {
		weights = List.copyOf(weights);
		if (index < 0 || index >= weights.size()) {
			throw new IllegalArgumentException("No partition " + index + " of " + weights.size());
		}
	}

	/** From {@link #weightList()}, as a partition's context holds it. */
	static RunWideShares of(int index, String weightList) {
		return new RunWideShares(index, Arrays.stream(weightList.split(",")).map(Long::valueOf).toList());
	}

	String weightList() {
		return this.weights.stream().map(String::valueOf).collect(Collectors.joining(","));
	}

	/**
	 * This partition's share of a limit.
	 */
	long share(long limit) {
		if (limit <= 0) {
			return 0;
		}
		List<Long> effective = this.weights.stream().allMatch(weight -> weight == 0)
				? this.weights.stream().map(weight -> 1L).toList() : this.weights;
		BigInteger total = BigInteger.ZERO;
		for (long weight : effective) {
			total = total.add(BigInteger.valueOf(weight));
		}
		long[] base = new long[effective.size()];
		BigInteger[] remainder = new BigInteger[effective.size()];
		long handedOut = 0;
		for (int i = 0; i < base.length; i++) {
			BigInteger[] division = BigInteger.valueOf(limit)
				.multiply(BigInteger.valueOf(effective.get(i)))
				.divideAndRemainder(total);
			base[i] = division[0].longValueExact();
			remainder[i] = division[1];
			handedOut += base[i];
		}
		// the units left go to the largest remainders, the first partition first on a tie
		long left = limit - handedOut;
		int ahead = 0;
		for (int i = 0; i < base.length; i++) {
			int order = remainder[i].compareTo(remainder[this.index]);
			if (order > 0 || (order == 0 && i < this.index)) {
				ahead++;
			}
		}
		return base[this.index] + ((ahead < left) ? 1 : 0);
	}

}
