package io.tidings.customer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the valid records of a customer file into partitions of
 * {@link CustomerComponents linked records}, from the link file of the first pass; each
 * partition's context names the file of its line numbers, relative to the home folder,
 * and the day the first pass checked the records on (a worker checks them again, and a
 * date of birth valid then stays valid after midnight or in another time zone). A
 * restarted stage splits again from the same link file, into the same partitions.
 */
class CustomerRecordPartitioner implements Partitioner {

	/** The partition's file of line numbers, relative to the home folder. */
	static final String LINES = "customer.import.lines";

	/** The day the records were checked on. */
	static final String CHECKED_ON = "customer.import.checked-on";

	private static final Logger logger = LoggerFactory.getLogger(CustomerRecordPartitioner.class);

	private final Path home;

	private final Path folder;

	private final LocalDate checkedOn;

	CustomerRecordPartitioner(Path home, Path folder, LocalDate checkedOn) {
		this.home = home;
		this.folder = folder;
		this.checkedOn = checkedOn;
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
			context.putString(CHECKED_ON, this.checkedOn.toString());
			partitions.put("partition" + i, context);
		}
		return partitions;
	}

}
