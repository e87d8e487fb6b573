package io.tidings.campaign;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidings.outbox.Channel;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.CustomerRange;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.PartitionRange;
import io.tidings.outbox.RunRef;
import io.tidings.outbox.StageWork;

import org.springframework.batch.core.partition.PartitionNameProvider;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits what a run has left in one state (planned: to render; rendered: to deliver) into
 * ranges of customer ids holding about as much of the stage's {@link StageWork work}, one
 * partition each: every communication of a customer falls in one partition. Each
 * partition's size is logged, so that an uneven split shows. There are always as many
 * partitions as asked for, some empty when few customers are left. A restarted run reuses
 * the ranges of its first attempt (Spring Batch keeps each partition's context, and takes
 * the partitions' names from {@link #getPartitionNames}), and each partition reads the
 * ledger by state, so it handles only what is still left.
 */
class CustomerRangePartitioner implements Partitioner, PartitionNameProvider {

	static final String FIRST_CUSTOMER = "firstCustomer";

	static final String LAST_CUSTOMER = "lastCustomer";

	/** The first customer of the partition a step-scoped bean's step runs. */
	static final String STEP_FIRST_CUSTOMER = "#{stepExecutionContext['" + FIRST_CUSTOMER + "']}";

	/** The last customer of the partition a step-scoped bean's step runs. */
	static final String STEP_LAST_CUSTOMER = "#{stepExecutionContext['" + LAST_CUSTOMER + "']}";

	private static final Logger logger = LoggerFactory.getLogger(CustomerRangePartitioner.class);

	private final CommunicationReaders readers;

	private final RunRef run;

	private final CommunicationState state;

	private final Set<Channel> channels;

	private final StageWork work;

	CustomerRangePartitioner(CommunicationReaders readers, RunRef run, CommunicationState state, Set<Channel> channels,
			StageWork work) {
		this.readers = readers;
		this.run = run;
		this.state = state;
		this.channels = channels;
		this.work = work;
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
		List<PartitionRange> ranges = this.readers.customerRanges(this.run, this.state, this.channels, this.work,
				gridSize);
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int i = 0; i < gridSize; i++) {
			// fewer ranges than partitions (few customers left): the others are empty,
			// so that a restart finds every partition it had
			PartitionRange range = (i < ranges.size()) ? ranges.get(i)
					: new PartitionRange(new CustomerRange("", ""), 0, 0);
			logger.info("{} partition {} of {}: {} communications, weight {}",
					this.work.name().toLowerCase(Locale.ROOT), i, gridSize, range.communications(), range.weight());
			partitions.put(name(i), context(range.customers()));
		}
		return partitions;
	}

	/**
	 * The names of the partitions, without reading the ledger: a restarted stage then
	 * runs each unfinished partition of its first attempt again with the range it had,
	 * including those left with nothing to do when the first attempt was split.
	 */
	@Override
	public Collection<String> getPartitionNames(int gridSize) {
		return IntStream.range(0, gridSize).mapToObj(CustomerRangePartitioner::name).toList();
	}

	static String name(int partition) {
		return "partition" + partition;
	}

	/** The context of a partition of these customers. */
	static ExecutionContext context(CustomerRange range) {
		ExecutionContext context = new ExecutionContext();
		context.putString(FIRST_CUSTOMER, range.first());
		context.putString(LAST_CUSTOMER, range.last());
		return context;
	}

}
