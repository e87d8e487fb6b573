package io.tidings.response;

import java.util.List;

import io.tidings.csv.SourceRecord;

/**
 * One record of a responses file, before validation.
 *
 * @param line line number
 * @param record the record as it was in the file
 * @param values values in header order
 */
record ResponseRow(long line, String record, List<String> values) implements SourceRecord {

	static final List<String> HEADER = List.of("customer_id", "communication_id", "campaign", "product", "outcome",
			"occurred_at", "channel");

	String value(String column) {
		return this.values.get(HEADER.indexOf(column)).strip();
	}

}
