package io.tidings.campaign;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import javax.sql.DataSource;

import io.tidings.outbox.RunRef;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The numbers printed on customers' statements: each customer's statements are numbered
 * 1, 2, 3... in the order the runs rendered them. A number is kept once assigned, so the
 * same run prints the same number however often it is rerun or restarted; it is stored in
 * the transaction of the chunk that renders the statement, and given back with it when
 * that chunk fails.
 */
@Repository
class StatementNumbers {

	private final JdbcClient jdbc;

	private final Clock clock;

	StatementNumbers(DataSource dataSource, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.clock = clock;
	}

	/**
	 * The number of a customer's statement of a run, assigned now when it has none: one
	 * statement that inserts the next number unless the run has one already and hands the
	 * inserted number back; only a rerun or restart reads the kept one after it.
	 */
	int assign(RunRef run, String customerId) {
		KeyHolder inserted = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO statement_number (campaign, run_key, customer_id, statement_number, assigned_at)
				SELECT ?, ?, ?, COALESCE(MAX(statement_number), 0) + 1, ? FROM statement_number WHERE customer_id = ?
				HAVING COUNT(CASE WHEN campaign = ? AND run_key = ? THEN 1 END) = 0
				""")
			.params(run.campaign(), run.runKey(), customerId,
					OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC), customerId, run.campaign(),
					run.runKey())
			.update(inserted, "statement_number");
		Number number = inserted.getKey();
		return (number != null) ? number.intValue() : find(run, customerId).orElseThrow();
	}

	/**
	 * The number a customer's statement of a run has or would have, without assigning it
	 * (for proofs and previews).
	 */
	int peek(RunRef run, String customerId) {
		return find(run, customerId).orElseGet(() -> this.jdbc
			.sql("SELECT COALESCE(MAX(statement_number), 0) + 1 FROM statement_number WHERE customer_id = ?")
			.param(customerId)
			.query(Integer.class)
			.single());
	}

	private Optional<Integer> find(RunRef run, String customerId) {
		return this.jdbc.sql("""
				SELECT statement_number FROM statement_number WHERE campaign = ? AND run_key = ? AND customer_id = ?
				""").params(run.campaign(), run.runKey(), customerId).query(Integer.class).optional();
	}

}
