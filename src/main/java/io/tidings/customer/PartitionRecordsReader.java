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

	private final long lastLine;

	private long lineRead = -1;

	/**
	 * @param lastLine the partition's last line: the file is not read past it (nor to a
	 * bad end, which the first pass rejected); -1 for a partition without records
	 */
	PartitionRecordsReader(ItemStreamReader<CustomerRow> file, long lastLine) {
		this.file = file;
		this.lastLine = lastLine;
	}

	@Override
	public @Nullable CustomerRow read() throws Exception {
		if (this.lineRead >= this.lastLine) {
			return null;
		}
		CustomerRow row = this.file.read();
		while (row != null && row.isElsewhere()) {
			row = this.file.read();
		}
		if (row != null) {
			this.lineRead = row.line();
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
