package io.tidings.customer;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A customer's rows as stored (the customer, its source records and account
 * transactions), for the privacy export, and the erasure and legal hold of a customer.
 */
@Component
public class CustomerPersonalData {

	private final JdbcClient jdbc;

	CustomerPersonalData(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * The customer row, column by column.
	 */
	public Optional<Map<String, @Nullable Object>> customer(String customerId) {
		return rows("SELECT * FROM customer WHERE customer_id = ?", customerId).stream().findFirst();
	}

	/**
	 * The source records merged into the customer, oldest import first.
	 */
	public List<Map<String, @Nullable Object>> sourceRecords(String customerId) {
		return rows("SELECT * FROM customer_source WHERE customer_id = ? ORDER BY imported_at", customerId);
	}

	/**
	 * The customer's account transactions, oldest first.
	 */
	public List<Map<String, @Nullable Object>> transactions(String customerId) {
		return rows("SELECT * FROM account_transaction WHERE customer_id = ? ORDER BY booked_on", customerId);
	}

	public boolean underLegalHold(String customerId) {
		return this.jdbc.sql("SELECT legal_hold FROM customer WHERE customer_id = ?")
			.param(customerId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/**
	 * The ids of the customers under legal hold.
	 */
	public List<String> underLegalHold() {
		return this.jdbc.sql("SELECT customer_id FROM customer WHERE legal_hold = TRUE ORDER BY customer_id")
			.query(String.class)
			.list();
	}

	/**
	 * Places or releases a legal hold.
	 */
	public void legalHold(String customerId, boolean hold) {
		this.jdbc.sql("UPDATE customer SET legal_hold = ? WHERE customer_id = ?").params(hold, customerId).update();
	}

	/**
	 * Clears the personal data of the customer record and the source records' copies and
	 * deletes the account transactions; the customer id stays, so that what the customer
	 * asked for is still honoured.
	 * @return the number of transactions deleted
	 */
	public int erase(String customerId, OffsetDateTime at) {
		int transactions = this.jdbc.sql("DELETE FROM account_transaction WHERE customer_id = ?")
			.param(customerId)
			.update();
		this.jdbc.sql("UPDATE customer_source SET snapshot = NULL WHERE customer_id = ?").param(customerId).update();
		this.jdbc.sql("UPDATE customer SET salutation = NULL, first_name = NULL, last_name = NULL,"
				+ " address_line1 = NULL, address_line2 = NULL, postcode = NULL, city = NULL, region = NULL,"
				+ " email = NULL, phone = NULL, birth_date = NULL, marital_status = NULL, balance = 0, holdings = '',"
				+ " children = 0, consent_email = FALSE, consent_sms = FALSE, attributes = '{}', account = NULL,"
				+ " match_key = ?, email_key = NULL, household_key = NULL, name_key = NULL, erased_at = ?, updated_at = ?"
				+ " WHERE customer_id = ?")
			.params("erased:" + customerId, at, at, customerId)
			.update();
		return transactions;
	}

	private List<Map<String, @Nullable Object>> rows(String sql, String customerId) {
		return this.jdbc.sql(sql).param(customerId).query().listOfRows();
	}

}
