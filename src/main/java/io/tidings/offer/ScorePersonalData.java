package io.tidings.offer;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A customer's response scores as stored, for the privacy export, and their erasure.
 */
@Component
public class ScorePersonalData {

	private final JdbcClient jdbc;

	ScorePersonalData(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * The customer's response scores, column by column, by product.
	 */
	public List<Map<String, @Nullable Object>> responseScores(String customerId) {
		return this.jdbc.sql("SELECT * FROM offer_response_score WHERE customer_id = ? ORDER BY product")
			.param(customerId)
			.query()
			.listOfRows();
	}

	/**
	 * Deletes the customer's response scores.
	 */
	public void erase(String customerId) {
		this.jdbc.sql("DELETE FROM offer_response_score WHERE customer_id = ?").param(customerId).update();
	}

}
