package io.tidings.customer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.tidings.csv.CsvHeader;
import io.tidings.csv.CsvRecordParser;

import org.springframework.batch.infrastructure.item.file.LineMapper;

/**
 * Maps a customer file record to a {@link CustomerRow}, using the header row (read when
 * the file is opened) and the mapping. For mappings that make ids from row numbers, a
 * record's row number is its line number minus the header line: it does not depend on
 * which records were read before, so a restarted import gives the same ids.
 */
class CustomerLineMapper implements LineMapper<CustomerRow> {

	private final Path file;

	private final CustomerFileMapping mapping;

	private CustomerFileMapping.@Nullable HeaderLayout layout;

	CustomerLineMapper(Path file, CustomerFileMapping mapping) {
		this.file = file;
		this.mapping = mapping;
	}

	void readHeader(String headerLine) {
		this.layout = this.mapping.layout(this.file, CsvHeader.parse(this.file, headerLine));
	}

	@Override
	public CustomerRow mapLine(String line, int lineNumber) {
		CustomerFileMapping.HeaderLayout header = this.layout;
		if (header == null) {
			throw new IllegalStateException("Header of " + this.file + " not read");
		}
		Map<String, String> fields = new HashMap<>(this.mapping.constants());
		if (this.mapping.idFromRow() != null) {
			fields.put("customer_id", String.format(this.mapping.idFromRow(), lineNumber - 1L));
		}
		List<String> values = CsvRecordParser.fields(line, lineNumber, header.header());
		header.fields().forEach((index, field) -> putIfPresent(fields, field, values.get(index)));
		Map<String, String> attributes = new HashMap<>();
		header.attributes().forEach((index, name) -> putIfPresent(attributes, name, values.get(index)));
		return new CustomerRow(lineNumber, line, fields, attributes);
	}

	private static void putIfPresent(Map<String, String> target, String key, String value) {
		String stripped = value.strip();
		if (!stripped.isEmpty()) {
			target.put(key, stripped);
		}
	}

}
