package io.tidings.campaign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tidings.outbox.CustomerRange;
import io.tidings.outbox.RunRef;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits a run's audience into ranges of customer ids, one partition each, for the decide
 * stage (planning, then scheduling): every communication of a customer falls in one
 * partition, and each partition knows the weights of all, to take its
 * {@link RunWideShares share} of the run-wide limits. The audience is fixed before this
 * stage, so a restarted run gets the same partitions.
 */
class AudienceRangePartitioner implements Partitioner {

	static final String PARTITION = "partition";

	static final String WEIGHTS = "weights";

	/** The index of the partition a step-scoped bean's step runs. */
	static final String STEP_PARTITION = "#{stepExecutionContext['" + PARTITION + "']}";

	/**
	 * The weights of all partitions of the stage a step-scoped bean's step is part of.
	 */
	static final String STEP_WEIGHTS = "#{stepExecutionContext['" + WEIGHTS + "']}";

	private final AudienceRepository audience;

	private final RunRef run;

	AudienceRangePartitioner(AudienceRepository audience, RunRef run) {
		this.audience = audience;
		this.run = run;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		List<AudienceRepository.AudienceRange> ranges = this.audience.ranges(this.run, gridSize);
		if (ranges.isEmpty()) {
			// no audience: one empty partition keeps the stage's shape
			ranges = List.of(new AudienceRepository.AudienceRange(new CustomerRange("", ""), 0));
		}
		String weights = new RunWideShares(0,
				ranges.stream().map(AudienceRepository.AudienceRange::marketable).toList())
			.weightList();
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int i = 0; i < ranges.size(); i++) {
			ExecutionContext context = CustomerRangePartitioner.context(ranges.get(i).customers());
			context.putInt(PARTITION, i);
			context.putString(WEIGHTS, weights);
			partitions.put("partition" + i, context);
		}
		return partitions;
	}

}
