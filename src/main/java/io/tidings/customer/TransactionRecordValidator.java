package io.tidings.customer;

import io.tidings.csv.InvalidRecordException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;

/**
 * Turns a transaction row into a transaction of a known customer (the id in the file may
 * be a source id that was merged into another customer), or rejects it.
 */
class TransactionRecordValidator {

	private final CustomerRepository customers;

	TransactionRecordValidator(CustomerRepository customers) {
		this.customers = customers;
	}

	AccountTransaction validate(TransactionRow row) {
		long line = row.line();
		String id = required(row, 0);
		if (id.length() > 64) {
			throw new InvalidRecordException(line, "transaction_id", "longer than 64 characters");
		}
		String sourceCustomerId = required(row, 1);
		String customerId = this.customers.findIdBySource(sourceCustomerId)
			.orElseThrow(() -> new InvalidRecordException(line, "customer_id",
					"no imported customer has id " + sourceCustomerId));
		LocalDate bookedOn;
		try {
			bookedOn = LocalDate.parse(required(row, 2));
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRecordException(line, "booked_on", "not a date (expected yyyy-MM-dd)");
		}
		String description = required(row, 3);
		if (description.length() > 300 || description.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidRecordException(line, "description", "longer than 300 characters or has a line break");
		}
		BigDecimal amount;
		try {
			amount = new BigDecimal(required(row, 4));
		}
		catch (NumberFormatException ex) {
			throw new InvalidRecordException(line, "amount", "not a number (use . for decimals)");
		}
		String problem = Amounts.problem(amount);
		if (problem != null) {
			throw new InvalidRecordException(line, "amount", "'" + row.values().get(4).strip() + "' " + problem);
		}
		String currency;
		try {
			currency = Currency.getInstance(required(row, 5).toUpperCase(Locale.ROOT)).getCurrencyCode();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRecordException(line, "currency", "not an ISO 4217 currency code");
		}
		return new AccountTransaction(id, customerId, bookedOn, description, amount, currency);
	}

	private static String required(TransactionRow row, int index) {
		String value = row.values().get(index).strip();
		if (value.isEmpty()) {
			throw new InvalidRecordException(row.line(), TransactionRow.HEADER.get(index), "missing value");
		}
		return value;
	}

}
