package io.tidings.campaign;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RunWideSharesTests {

	@Test
	void shouldShareALimitInProportionToTheWeightsAddingUpToItExactly() {
		assertThat(shares(List.of(5L, 4L, 4L), 40)).containsExactly(16L, 12L, 12L);
		assertThat(shares(List.of(5L, 4L, 4L), 1)).containsExactly(1L, 0L, 0L);
		assertThat(shares(List.of(1L, 1L, 1L), 2)).containsExactly(1L, 1L, 0L);
		assertThat(shares(List.of(1L, 3L), 2)).as("remainders tie: the first first").containsExactly(1L, 1L);
		assertThat(shares(List.of(1L, 3L), 3)).containsExactly(1L, 2L);
		assertThat(shares(List.of(0L, 0L), 3)).as("no weight: shared evenly").containsExactly(2L, 1L);
		assertThat(shares(List.of(7L, 0L, 3L), 0)).containsExactly(0L, 0L, 0L);
		for (long limit : new long[] { 1, 2, 3, 17, 999, 1_000_003, 4_000_000_000_000L }) {
			assertThat(shares(List.of(250L, 251L, 249L, 250L), limit).stream().mapToLong(Long::longValue).sum())
				.isEqualTo(limit);
		}
	}

	@Test
	void shouldReadTheWeightsAsAPartitionsContextHoldsThem() {
		RunWideShares shares = new RunWideShares(1, List.of(10L, 30L));
		assertThat(RunWideShares.of(1, shares.weightList())).isEqualTo(shares);
		assertThat(RunWideShares.of(1, "10,30").share(8)).isEqualTo(6);
		assertThatIllegalArgumentException().isThrownBy(() -> new RunWideShares(2, List.of(1L, 1L)));
	}

	private static List<Long> shares(List<Long> weights, long limit) {
		return IntStream.range(0, weights.size()).mapToObj(i -> new RunWideShares(i, weights).share(limit)).toList();
	}

}
