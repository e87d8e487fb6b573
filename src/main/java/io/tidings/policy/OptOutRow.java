package io.tidings.policy;

import java.util.List;

import io.tidings.csv.SourceRecord;

/**
 * One record of an opt-outs file, before validation.
 *
 * @param line line number
 * @param record the record as it was in the file
 * @param header the file's columns
 * @param values values in header order
 */
record OptOutRow(long line, String record, List<String> header, List<String> values) implements SourceRecord {

	/**
	 * Columns an opt-outs file may have; {@code channel} and {@code occurred_at} are
	 * required.
	 */
	static final List<String> COLUMNS = List.of("customer_id", "email", "phone", "address_line1", "postcode", "country",
			"channel", "occurred_at", "reason");

	String value(String column) {
		int index = this.header.indexOf(column);
		return (index < 0) ? "" : this.values.get(index).strip();
	}

}
