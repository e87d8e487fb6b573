package io.tidings.customer;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads a partition's records of a customer file: the file's reader maps only the
 * partition's lines and this passes over the others, so that the partition's counts are
 * of its own records. The file reader keeps its place in the whole file, so a restarted
 * partition goes on after its last committed record.
 */
class PartitionRecordsReader implements ItemStreamReader<CustomerRow> {

	private final ItemStreamReader<CustomerRow> file;

	PartitionRecordsReader(ItemStreamReader<CustomerRow> file) {
		this.file = file;
	}

	@Override
	public @Nullable CustomerRow read() throws Exception {
		CustomerRow row = this.file.read();
		while (row != null && row.isElsewhere()) {
			row = this.file.read();
		}
		return row;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.file.open(executionContext);
	}

	@Override
	public void update(ExecutionContext executionContext) {
		this.file.update(executionContext);
	}

	@Override
	public void close() {
		this.file.close();
	}

}
