package io.tidings.campaign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.Channel;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.CustomerRange;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.RunRef;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits what a run has left in one state (planned: to render; rendered: to deliver) into
 * ranges of customer ids, one partition each: every communication of a customer falls in
 * one partition. A restarted run reuses the ranges of its first attempt (Spring Batch
 * keeps each partition's context), and each partition reads the ledger by state, so it
 * handles only what is still left.
 */
class CustomerRangePartitioner implements Partitioner {

	static final String FIRST_CUSTOMER = "firstCustomer";

	static final String LAST_CUSTOMER = "lastCustomer";

	/** The first customer of the partition a step-scoped bean's step runs. */
	static final String STEP_FIRST_CUSTOMER = "#{stepExecutionContext['" + FIRST_CUSTOMER + "']}";

	/** The last customer of the partition a step-scoped bean's step runs. */
	static final String STEP_LAST_CUSTOMER = "#{stepExecutionContext['" + LAST_CUSTOMER + "']}";

	private final CommunicationReaders readers;

	private final RunRef run;

	private final CommunicationState state;

	private final Set<Channel> channels;

	CustomerRangePartitioner(CommunicationReaders readers, RunRef run, CommunicationState state,
			Set<Channel> channels) {
		this.readers = readers;
		this.run = run;
		this.state = state;
		this.channels = channels;
	}

	/**
	 * The customers of the partition a step runs, from its context.
	 * @return none when the step is not a partition
	 */
	static @Nullable CustomerRange range(@Nullable String first, @Nullable String last) {
		return (first != null && last != null) ? new CustomerRange(first, last) : null;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		List<CustomerRange> ranges = this.readers.customerRanges(this.run, this.state, this.channels, gridSize);
		if (ranges.isEmpty()) {
			// nothing left: one empty partition keeps the stage's shape
			ranges = List.of(new CustomerRange("", ""));
		}
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int i = 0; i < ranges.size(); i++) {
			partitions.put("partition" + i, context(ranges.get(i)));
		}
		return partitions;
	}

	/** The context of a partition of these customers. */
	static ExecutionContext context(CustomerRange range) {
		ExecutionContext context = new ExecutionContext();
		context.putString(FIRST_CUSTOMER, range.first());
		context.putString(LAST_CUSTOMER, range.last());
		return context;
	}

}
