package io.tidings.response;

import java.util.List;

import io.tidings.csv.SourceRecord;

/**
 * One record of a returned-mail file, before validation.
 *
 * @param line line number
 * @param record the record as it was in the file
 * @param header the file's columns
 * @param values values in header order
 */
record ReturnedMailRow(long line, String record, List<String> header, List<String> values) implements SourceRecord {

	/**
	 * Columns a returned-mail file may have: {@code reason} and an envelope,
	 * communication or customer id are required, the {@code new_*} columns give a new
	 * address.
	 */
	static final List<String> COLUMNS = List.of("communication_id", "customer_id", "envelope_id", "reason",
			"occurred_at", "new_address_line1", "new_address_line2", "new_postcode", "new_city", "new_region",
			"new_country");

	String value(String column) {
		int index = this.header.indexOf(column);
		return (index < 0) ? "" : this.values.get(index).strip();
	}

}
