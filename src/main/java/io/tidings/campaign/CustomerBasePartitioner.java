package io.tidings.campaign;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.CustomerRange;

import org.springframework.batch.core.partition.PartitionNameProvider;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the customer base into ranges of customer ids with about as many customers each
 * (the database's {@code NTILE}), one partition each, for the select stage. There are
 * always as many partitions as asked for, some empty when there are fewer customers. The
 * base may change between a failed attempt and its restart (an import of its own, a merge
 * undone), so a restarted stage does not split it again: it runs each unfinished
 * partition of its first attempt with the range it had (Spring Batch keeps each
 * partition's context and takes the partitions' names from {@link #getPartitionNames}).
 */
class CustomerBasePartitioner implements Partitioner, PartitionNameProvider {

	private final CustomerRepository customers;

	CustomerBasePartitioner(CustomerRepository customers) {
		this.customers = customers;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		List<CustomerRepository.IdRange> ranges = this.customers.idRanges(gridSize);
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int i = 0; i < gridSize; i++) {
			CustomerRepository.IdRange range = (i < ranges.size()) ? ranges.get(i)
					: new CustomerRepository.IdRange("", "");
			partitions.put(CustomerRangePartitioner.name(i),
					CustomerRangePartitioner.context(new CustomerRange(range.first(), range.last())));
		}
		return partitions;
	}

	@Override
	public Collection<String> getPartitionNames(int gridSize) {
		return IntStream.range(0, gridSize).mapToObj(CustomerRangePartitioner::name).toList();
	}

}
