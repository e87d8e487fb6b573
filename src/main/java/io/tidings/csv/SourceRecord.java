package io.tidings.csv;

import org.jspecify.annotations.Nullable;

/**
 * A record as it was read from an input file, kept so that a rejected record can be
 * written to the reject file exactly as it came.
 */
public interface SourceRecord {

	long line();

	String record();

	/**
	 * Where a field of the record is, when a line number does not say it: for a
	 * spreadsheet, its sheet, row and column
	 * ({@code "sheet 'Customers', row 7, column C: "}), put before the reason in the
	 * reject file; empty for a CSV file.
	 */
	default String place(@Nullable String field) {
		return "";
	}

}
