package io.tidings.customer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import org.jspecify.annotations.Nullable;

import io.tidings.csv.CsvHeader;
import io.tidings.csv.CsvRecordParser;
import io.tidings.csv.InvalidRecordException;
import io.tidings.csv.XlsxSheet;

import org.springframework.batch.infrastructure.item.file.LineMapper;

/**
 * Maps a customer file record to a {@link CustomerRow}, using the header row (read when
 * the file is opened) and the mapping, whose {@code formats} turn values into Tidings'
 * own form. For mappings that make ids from row numbers, a record's row number is its
 * line number minus the header line: it does not depend on which records were read
 * before, so a restarted import gives the same ids.
 */
class CustomerLineMapper implements LineMapper<CustomerRow> {

	private final Path file;

	private final CustomerFileMapping mapping;

	private final @Nullable Character delimiter;

	private CustomerFileMapping.@Nullable HeaderLayout layout;

	private CustomerRow.@Nullable SheetColumns sheet;

	private final LongPredicate mapped;

	CustomerLineMapper(Path file, CustomerFileMapping mapping, @Nullable Character delimiter) {
		this(file, mapping, delimiter, line -> true);
	}

	/**
	 * @param mapped the lines this mapper maps (a partition's of the import); any other
	 * record becomes {@link CustomerRow#elsewhere}, unread
	 */
	CustomerLineMapper(Path file, CustomerFileMapping mapping, @Nullable Character delimiter, LongPredicate mapped) {
		this.file = file;
		this.mapping = mapping;
		this.delimiter = delimiter;
		this.mapped = mapped;
	}

	void readHeader(String headerLine) {
		this.layout = this.mapping.layout(this.file, CsvHeader.parse(this.file, headerLine, this.delimiter));
	}

	/**
	 * Reads the header row of a sheet.
	 */
	void readHeader(String sheetName, XlsxSheet.Row row) {
		List<String> names = row.cells().stream().map(XlsxSheet.Cell::text).toList();
		CustomerFileMapping.HeaderLayout header = this.mapping.layout(this.file,
				CsvHeader.of(this.file, row.number(), names, ','));
		Map<String, Integer> columns = new LinkedHashMap<>();
		header.fields().forEach((index, field) -> columns.put(field, index));
		header.attributes().forEach((index, name) -> columns.put(name, index));
		this.layout = header;
		this.sheet = new CustomerRow.SheetColumns(sheetName, columns);
	}

	@Override
	public CustomerRow mapLine(String line, int lineNumber) {
		if (!this.mapped.test(lineNumber)) {
			return CustomerRow.elsewhere(lineNumber);
		}
		return map(lineNumber, line, CsvRecordParser.fields(line, lineNumber, layout().header()), null);
	}

	/**
	 * Maps a row of a sheet; its row number stands for the line number.
	 */
	CustomerRow map(XlsxSheet.Row row) {
		if (!this.mapped.test(row.number())) {
			return CustomerRow.elsewhere(row.number());
		}
		CustomerRow.SheetColumns columns = this.sheet;
		if (columns == null) {
			throw new IllegalStateException("Header of " + this.file + " not read");
		}
		List<XlsxSheet.Cell> cells = row.cells();
		for (int index = 0; index < cells.size(); index++) {
			if (cells.get(index).kind() == XlsxSheet.Kind.ERROR) {
				throw new InvalidRecordException(row.number(), name(index),
						"sheet '" + columns.name() + "', row " + row.number() + ", column " + XlsxSheet.column(index)
								+ ": the cell holds the error " + cells.get(index).text());
			}
		}
		int width = layout().header().width();
		if (cells.size() > width) {
			throw new InvalidRecordException(row.number(), null,
					"sheet '" + columns.name() + "', row " + row.number() + ", column "
							+ XlsxSheet.column(cells.size() - 1) + ": a value beyond the " + width
							+ " columns of the header row");
		}
		List<String> values = new java.util.ArrayList<>(width);
		boolean[] typed = new boolean[width];
		for (int index = 0; index < width; index++) {
			XlsxSheet.Cell cell = (index < cells.size()) ? cells.get(index) : null;
			values.add((cell != null) ? cell.text() : "");
			typed[index] = cell != null && cell.kind() != XlsxSheet.Kind.TEXT;
		}
		return map(row.number(), row.record(), values, typed);
	}

	private @Nullable String name(int index) {
		CustomerFileMapping.HeaderLayout header = layout();
		return header.fields().containsKey(index) ? header.fields().get(index) : header.attributes().get(index);
	}

	private CustomerFileMapping.HeaderLayout layout() {
		CustomerFileMapping.HeaderLayout header = this.layout;
		if (header == null) {
			throw new IllegalStateException("Header of " + this.file + " not read");
		}
		return header;
	}

	private CustomerRow map(long lineNumber, String record, List<String> values, boolean @Nullable [] typed) {
		CustomerFileMapping.HeaderLayout header = layout();
		Map<String, String> fields = new HashMap<>(this.mapping.constants());
		if (this.mapping.idFromRow() != null) {
			fields.put("customer_id", String.format(this.mapping.idFromRow(), lineNumber - 1L));
		}
		header.fields()
			.forEach(
					(index, field) -> put(fields, lineNumber, field, values.get(index), typed != null && typed[index]));
		Map<String, String> attributes = new HashMap<>();
		header.attributes()
			.forEach((index, name) -> put(attributes, lineNumber, name, values.get(index),
					typed != null && typed[index]));
		return new CustomerRow(lineNumber, record, fields, attributes, this.sheet);
	}

	private void put(Map<String, String> target, long line, String key, String value, boolean typed) {
		String stripped = value.strip();
		if (stripped.isEmpty()) {
			return;
		}
		ColumnFormat format = this.mapping.formats().get(key);
		CustomerRow.SheetColumns columns = this.sheet;
		target.put(key,
				(format != null)
						? format.apply(stripped, typed, line, key, (columns != null) ? columns.place(line, key) : "")
						: stripped);
	}

}
