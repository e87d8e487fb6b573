package io.tidings.offer;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Per customer and product response scores, updated as responses are ingested and read by
 * the next run's offer choice.
 */
@Repository
public class ResponseScores {

	private final JdbcClient jdbc;

	private final Clock clock;

	public ResponseScores(DataSource dataSource, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.clock = clock;
	}

	public Map<String, ProductScore> forCustomer(String customerId) {
		return this.jdbc.sql(
				"SELECT product, positives, negatives, complaints, score FROM offer_response_score WHERE customer_id = ?")
			.param(customerId)
			.query(DataClassRowMapper.newInstance(ProductScore.class))
			.stream()
			.collect(Collectors.toMap(ProductScore::product, Function.identity()));
	}

	/**
	 * Adds one response to a customer's score for a product.
	 */
	public ProductScore record(String customerId, String product, ResponseSignal signal) {
		ProductScore current = forCustomer(customerId).getOrDefault(product, ProductScore.unknown(product));
		ProductScore updated = current.with(signal);
		OffsetDateTime now = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		int changed = this.jdbc.sql("""
				UPDATE offer_response_score SET positives = ?, negatives = ?, complaints = ?, score = ?, updated_at = ?
				WHERE customer_id = ? AND product = ?
				""")
			.params(updated.positives(), updated.negatives(), updated.complaints(), updated.score(), now, customerId,
					product)
			.update();
		if (changed == 0) {
			this.jdbc
				.sql("""
						INSERT INTO offer_response_score (customer_id, product, positives, negatives, complaints, score, updated_at)
						VALUES (?, ?, ?, ?, ?, ?, ?)
						""")
				.params(customerId, product, updated.positives(), updated.negatives(), updated.complaints(),
						updated.score(), now)
				.update();
		}
		return updated;
	}

}
