package io.tidings.response;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tidings.InvalidInputException;
import io.tidings.csv.CsvHeader;
import io.tidings.csv.SourceRecord;

/**
 * One record of a responses file, before validation, by column name. A responses file has
 * a header row naming its columns, in any order, comma or semicolon separated:
 * {@code outcome} and {@code occurred_at}, a {@code customer_id} or a
 * {@code communication_id} column (or both), and optionally {@code campaign},
 * {@code product} (required unless a communication id names the offer) and
 * {@code channel}.
 *
 * @param line line number
 * @param record the record as it was in the file
 * @param values values by column name
 */
record ResponseRow(long line, String record, Map<String, String> values) implements SourceRecord {

	static final List<String> COLUMNS = List.of("customer_id", "communication_id", "campaign", "product", "outcome",
			"occurred_at", "channel");

	private static final Set<String> REQUIRED = Set.of("outcome", "occurred_at");

	/** A column's value, stripped; empty when the file has no such column. */
	String value(String column) {
		return this.values.getOrDefault(column, "").strip();
	}

	/**
	 * Checks a header.
	 * @throws InvalidInputException for an unknown column or a missing required one
	 */
	static void check(Path file, CsvHeader header) {
		for (String column : header.columns()) {
			if (!COLUMNS.contains(column)) {
				throw new InvalidInputException(file, 1, column,
						"unknown column; a responses file has " + String.join(", ", COLUMNS));
			}
		}
		for (String required : REQUIRED) {
			if (!header.columns().contains(required)) {
				throw new InvalidInputException(file, 1, required, "required column is missing");
			}
		}
		if (!header.columns().contains("customer_id") && !header.columns().contains("communication_id")) {
			throw new InvalidInputException(file, 1, "customer_id",
					"a customer_id or communication_id column is required");
		}
	}

	static ResponseRow of(long line, String record, CsvHeader header, List<String> values) {
		Map<String, String> byColumn = new HashMap<>();
		for (int index = 0; index < header.width(); index++) {
			byColumn.put(header.columns().get(index), values.get(index));
		}
		return new ResponseRow(line, record, byColumn);
	}

}
