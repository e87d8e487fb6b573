package io.tidings.customer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores account transactions for statements.
 */
@Repository
public class AccountTransactionRepository {

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	public AccountTransactionRepository(DataSource dataSource) {
		this.jdbcTemplate = new JdbcTemplate(dataSource);
		this.jdbc = JdbcClient.create(this.jdbcTemplate);
	}

	/**
	 * Transactions of a customer booked in a period (both ends included), oldest first.
	 */
	public List<AccountTransaction> findForPeriod(String customerId, LocalDate from, LocalDate to) {
		return this.jdbc.sql("""
				SELECT transaction_id, customer_id, booked_on, description, amount, currency FROM account_transaction
				WHERE customer_id = ? AND booked_on BETWEEN ? AND ? ORDER BY booked_on, transaction_id
				""")
			.params(customerId, from, to)
			// mapped by hand: a data class mapper looks each column up by two names, and
			// H2
			// records every failed lookup as an error in its trace file
			.query((rs, row) -> new AccountTransaction(rs.getString("transaction_id"), rs.getString("customer_id"),
					rs.getObject("booked_on", LocalDate.class), rs.getString("description"), rs.getBigDecimal("amount"),
					rs.getString("currency")))
			.list();
	}

	/**
	 * The sum of a customer's transactions booked after a day: what moved the balance
	 * since.
	 */
	public BigDecimal sumAfter(String customerId, LocalDate day) {
		return this.jdbc
			.sql("SELECT COALESCE(SUM(amount), 0) FROM account_transaction WHERE customer_id = ? AND booked_on > ?")
			.params(customerId, day)
			.query(BigDecimal.class)
			.single();
	}

	void saveAll(List<? extends AccountTransaction> transactions) {
		this.jdbcTemplate.batchUpdate("""
				MERGE INTO account_transaction t
				USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(64)), CAST(? AS DATE), CAST(? AS VARCHAR(300)),
				               CAST(? AS DECIMAL(19, 2)), CAST(? AS VARCHAR(3))))
				      AS s(transaction_id, customer_id, booked_on, description, amount, currency)
				ON t.transaction_id = s.transaction_id
				WHEN MATCHED THEN UPDATE SET customer_id = s.customer_id, booked_on = s.booked_on,
				     description = s.description, amount = s.amount, currency = s.currency
				WHEN NOT MATCHED THEN INSERT (transaction_id, customer_id, booked_on, description, amount, currency)
				     VALUES (s.transaction_id, s.customer_id, s.booked_on, s.description, s.amount, s.currency)
				""", transactions, transactions.size(), (ps, transaction) -> {
			ps.setString(1, transaction.transactionId());
			ps.setString(2, transaction.customerId());
			ps.setObject(3, transaction.bookedOn());
			ps.setString(4, transaction.description());
			ps.setBigDecimal(5, transaction.amount());
			ps.setString(6, transaction.currency());
		});
	}

}
