package io.tidings.customer;

import io.tidings.csv.SourceRecord;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One record of a customer file, by field name, before validation.
 *
 * @param line line number in the file (the last line of a record spanning several)
 * @param record the record as it was in the file
 * @param fields values by customer field name (blank values are absent)
 * @param attributes free attributes by column name
 */
record CustomerRow(long line, String record, Map<String, String> fields,
		Map<String, String> attributes) implements SourceRecord {

	@Nullable String get(String field) {
		return this.fields.get(field);
	}

}
