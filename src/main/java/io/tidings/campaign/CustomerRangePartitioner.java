package io.tidings.campaign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.CommunicationReaders.CustomerRange;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.RunRef;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits what a run has left to render into ranges of customer ids, one partition each:
 * every communication of a customer falls in one partition. A restarted run reuses the
 * ranges of its first attempt (Spring Batch keeps each partition's context), and each
 * partition reads the ledger by state, so it renders only what is still planned.
 */
class CustomerRangePartitioner implements Partitioner {

	static final String FIRST_CUSTOMER = "firstCustomer";

	static final String LAST_CUSTOMER = "lastCustomer";

	private final CommunicationReaders readers;

	private final RunRef run;

	CustomerRangePartitioner(CommunicationReaders readers, RunRef run) {
		this.readers = readers;
		this.run = run;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		List<CustomerRange> ranges = this.readers.customerRanges(this.run, CommunicationState.PLANNED, gridSize);
		if (ranges.isEmpty()) {
			// nothing to render: one empty partition keeps the stage's shape
			ranges = List.of(new CustomerRange("", ""));
		}
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int i = 0; i < ranges.size(); i++) {
			ExecutionContext context = new ExecutionContext();
			context.putString(FIRST_CUSTOMER, ranges.get(i).first());
			context.putString(LAST_CUSTOMER, ranges.get(i).last());
			partitions.put("partition" + i, context);
		}
		return partitions;
	}

}
