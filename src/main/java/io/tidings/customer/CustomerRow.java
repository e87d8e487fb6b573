package io.tidings.customer;

import io.tidings.csv.SourceRecord;
import io.tidings.csv.XlsxSheet;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One record of a customer file, by field name, before validation.
 *
 * @param line line number in the file (the last line of a record spanning several), or
 * row number in a sheet
 * @param record the record as it was in the file
 * @param fields values by customer field name (blank values are absent)
 * @param attributes free attributes by column name
 * @param sheet where the fields are, when the file is a workbook
 */
record CustomerRow(long line, String record, Map<String, String> fields, Map<String, String> attributes,
		@Nullable SheetColumns sheet) implements SourceRecord {

	/** Stands for the records of other partitions, which a partition does not map. */
	private static final Map<String, String> ELSEWHERE = new java.util.HashMap<>(0);

	CustomerRow(long line, String record, Map<String, String> fields, Map<String, String> attributes) {
		this(line, record, fields, attributes, null);
	}

	/** A record that another partition of the import matches. */
	static CustomerRow elsewhere(long line) {
		return new CustomerRow(line, "", ELSEWHERE, Map.of());
	}

	boolean isElsewhere() {
		return this.fields == ELSEWHERE;
	}

	@Nullable String get(String field) {
		return this.fields.get(field);
	}

	@Override
	public String place(@Nullable String field) {
		return (this.sheet != null) ? this.sheet.place(this.line, field) : "";
	}

	/**
	 * The sheet a workbook's records come from, and the column of each field.
	 *
	 * @param name the sheet's name
	 * @param columns column index by field or attribute name
	 */
	record SheetColumns(String name, Map<String, Integer> columns) {

		SheetColumns {
			columns = Map.copyOf(columns);
		}

		/** {@code sheet 'Customers', row 7, column C: }, for the reject file. */
		String place(long row, @Nullable String field) {
			Integer column = (field != null) ? this.columns.get(field) : null;
			return "sheet '" + this.name + "', row " + row
					+ ((column != null) ? ", column " + XlsxSheet.column(column) : "") + ": ";
		}

	}

}
