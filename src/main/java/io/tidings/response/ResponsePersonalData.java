package io.tidings.response;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The responses' part in privacy requests: a customer's responses as stored, for the
 * export; their erasure; and the purge of responses past their retention period, leaving
 * out the customers given (those under legal hold).
 */
@Component
public class ResponsePersonalData {

	private final JdbcClient jdbc;

	ResponsePersonalData(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * The customer's responses, column by column, oldest first.
	 */
	public List<Map<String, @Nullable Object>> responses(String customerId) {
		return this.jdbc.sql("SELECT * FROM contact_response WHERE customer_id = ? ORDER BY occurred_at")
			.param(customerId)
			.query()
			.listOfRows();
	}

	/**
	 * Deletes the customer's responses.
	 * @return the number deleted
	 */
	public int erase(String customerId) {
		return this.jdbc.sql("DELETE FROM contact_response WHERE customer_id = ?").param(customerId).update();
	}

	/**
	 * Counts the responses that occurred before the cutoff.
	 */
	public long countOccurredBefore(OffsetDateTime cutoff, Collection<String> exceptCustomers) {
		return sql("SELECT COUNT(*)" + occurredBefore(exceptCustomers), cutoff, exceptCustomers).query(Long.class)
			.single();
	}

	/**
	 * Deletes the responses that occurred before the cutoff.
	 * @return the number deleted
	 */
	public int deleteOccurredBefore(OffsetDateTime cutoff, Collection<String> exceptCustomers) {
		return sql("DELETE" + occurredBefore(exceptCustomers), cutoff, exceptCustomers).update();
	}

	private JdbcClient.StatementSpec sql(String sql, OffsetDateTime cutoff, Collection<String> exceptCustomers) {
		return this.jdbc.sql(sql).param("cutoff", cutoff).param("except", exceptCustomers);
	}

	private static String occurredBefore(Collection<String> exceptCustomers) {
		return " FROM contact_response WHERE occurred_at < :cutoff"
				+ (exceptCustomers.isEmpty() ? "" : " AND customer_id NOT IN (:except)");
	}

}
