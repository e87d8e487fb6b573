package io.tidings.response;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A customer's responses as stored, for the privacy export, and their erasure.
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

}
