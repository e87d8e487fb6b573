package io.tidings.policy;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A customer's consent events and statement preferences as stored, for the privacy
 * export. An erasure keeps them: they prove what the customer asked for.
 */
@Component
public class ConsentPersonalData {

	private final JdbcClient jdbc;

	ConsentPersonalData(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * The customer's consent events, column by column, oldest first.
	 */
	public List<Map<String, @Nullable Object>> consentEvents(String customerId) {
		return rows("SELECT * FROM consent_event WHERE customer_id = ? ORDER BY occurred_at", customerId);
	}

	/**
	 * The customer's statement delivery choices, column by column, oldest first.
	 */
	public List<Map<String, @Nullable Object>> statementPreferences(String customerId) {
		return rows("SELECT * FROM statement_preference_event WHERE customer_id = ? ORDER BY occurred_at", customerId);
	}

	private List<Map<String, @Nullable Object>> rows(String sql, String customerId) {
		return this.jdbc.sql(sql).param(customerId).query().listOfRows();
	}

}
