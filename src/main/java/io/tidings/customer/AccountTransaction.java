package io.tidings.customer;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A booked account transaction, as listed on a statement.
 *
 * @param transactionId id from the source system
 * @param customerId the customer
 * @param bookedOn booking date
 * @param description text shown on the statement
 * @param amount signed amount (negative for debits)
 * @param currency ISO 4217 currency
 */
public record AccountTransaction(String transactionId, String customerId, LocalDate bookedOn, String description,
		BigDecimal amount, String currency) {

}
