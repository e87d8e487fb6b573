package io.tidings.offer;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Per customer and product response scores, updated as responses are ingested and read by
 * the next run's offer choice.
 */
@Repository
public class ResponseScores {

	private static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final Clock clock;

	public ResponseScores(DataSource dataSource, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.clock = clock;
	}

	/**
	 * Each customer's scores, as {@link #forCustomer}, read in one query per
	 * {@value #BATCH} customers.
	 * @return the scores by customer id, an empty map for a customer without any
	 */
	public Map<String, Map<String, ProductScore>> forCustomers(Collection<String> customerIds) {
		List<String> distinct = List.copyOf(new LinkedHashSet<>(customerIds));
		Map<String, Map<String, ProductScore>> scores = new HashMap<>();
		distinct.forEach(id -> scores.put(id, new HashMap<>()));
		for (int from = 0; from < distinct.size(); from += BATCH) {
			List<String> batch = distinct.subList(from, Math.min(from + BATCH, distinct.size()));
			this.jdbc.sql("""
					SELECT customer_id, product, positives, negatives, complaints, score FROM offer_response_score
					WHERE customer_id IN (%s)
					""".formatted(String.join(", ", Collections.nCopies(batch.size(), "?"))))
				.params(batch)
				.query((rs, n) -> {
					ProductScore score = new ProductScore(rs.getString("product"), rs.getInt("positives"),
							rs.getInt("negatives"), rs.getInt("complaints"), rs.getDouble("score"));
					scores.get(rs.getString("customer_id")).put(score.product(), score);
					return score;
				})
				.list();
		}
		return scores;
	}

	public Map<String, ProductScore> forCustomer(String customerId) {
		return forCustomers(List.of(customerId)).get(customerId);
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
