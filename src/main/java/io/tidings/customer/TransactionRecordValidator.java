package io.tidings.customer;

import io.tidings.csv.InvalidRecordException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a transaction row into a transaction of a known customer (the id in the file may
 * be a source id that was merged into another customer), or rejects it.
 */
class TransactionRecordValidator {

	/**
	 * How many source ids {@link #customerIds} keeps: a file's rows come a customer at a
	 * time.
	 */
	private static final int REMEMBERED_CUSTOMERS = 4096;

	private final CustomerRepository customers;

	/**
	 * The customer each source id of recent rows became, so that a customer's rows take
	 * one lookup, not one each; valid for one import (the validator is made per step).
	 */
	private final Map<String, String> customerIds = new LinkedHashMap<>(2 * REMEMBERED_CUSTOMERS, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
			return size() > REMEMBERED_CUSTOMERS;
		}

	};

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
		String customerId = this.customerIds.get(sourceCustomerId);
		if (customerId == null) {
			customerId = this.customers.findIdBySource(sourceCustomerId)
				.orElseThrow(() -> new InvalidRecordException(line, "customer_id",
						"no imported customer has id " + sourceCustomerId));
			this.customerIds.put(sourceCustomerId, customerId);
		}
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
