package io.tidings.campaign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.CustomerRange;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the customer base into ranges of customer ids with about as many customers each,
 * one partition each, for the select stage. The import has ended before this stage, so a
 * restarted run's partitions (kept in the job repository) still cover every customer
 * once.
 */
class CustomerBasePartitioner implements Partitioner {

	private final CustomerRepository customers;

	CustomerBasePartitioner(CustomerRepository customers) {
		this.customers = customers;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		List<CustomerRepository.IdRange> ranges = this.customers.idRanges(gridSize);
		if (ranges.isEmpty()) {
			// no customer: one empty partition keeps the stage's shape
			ranges = List.of(new CustomerRepository.IdRange("", ""));
		}
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int i = 0; i < ranges.size(); i++) {
			CustomerRepository.IdRange range = ranges.get(i);
			partitions.put("partition" + i,
					CustomerRangePartitioner.context(new CustomerRange(range.first(), range.last())));
		}
		return partitions;
	}

}
