package io.tidings.customer;

import io.tidings.csv.SourceRecord;

import java.util.List;

/**
 * One record of a transaction file, before validation.
 *
 * @param line line number in the file
 * @param record the record as it was in the file
 * @param values the values in header order
 */
record TransactionRow(long line, String record, List<String> values) implements SourceRecord {

	static final List<String> HEADER = List.of("transaction_id", "customer_id", "booked_on", "description", "amount",
			"currency");

}
