package io.tidings.customer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.partition.PartitionNameProvider;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the valid records of a customer file into partitions of
 * {@link CustomerComponents linked records}, from the link file of the first pass; each
 * partition's context names the file of its line numbers, relative to the home folder
 * (workers on other hosts mount it elsewhere). A restarted stage does not split again: it
 * runs each unfinished partition with the lines it had.
 */
class CustomerRecordPartitioner implements Partitioner, PartitionNameProvider {

	/** The partition's file of line numbers, relative to the home folder. */
	static final String LINES = "customer.import.lines";

	private static final Logger logger = LoggerFactory.getLogger(CustomerRecordPartitioner.class);

	private final Path home;

	private final Path folder;

	CustomerRecordPartitioner(Path home, Path folder) {
		this.home = home;
		this.folder = folder;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		long[] counts;
		try {
			counts = CustomerComponents.split(CustomerImportPartitions.linksFile(this.folder), gridSize, this.folder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot split the import into partitions in " + this.folder, ex);
		}
		logger.info("Customer records in each partition: {}", Arrays.toString(counts));
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int i = 0; i < gridSize; i++) {
			ExecutionContext context = new ExecutionContext();
			context.putString(LINES,
					this.home.relativize(CustomerComponents.linesFile(this.folder, i).toAbsolutePath()).toString());
			partitions.put(name(i), context);
		}
		return partitions;
	}

	@Override
	public Collection<String> getPartitionNames(int gridSize) {
		return IntStream.range(0, gridSize).mapToObj(CustomerRecordPartitioner::name).toList();
	}

	private static String name(int partition) {
		return "partition" + partition;
	}

}
