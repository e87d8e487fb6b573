package io.tidings.campaign;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.RunRef;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The numbers printed on customers' statements: each customer's statements are numbered
 * 1, 2, 3... in the order the runs rendered them. A number is kept once assigned, so the
 * same run prints the same number however often it is rerun or restarted; it is stored in
 * the transaction of the chunk that renders the statement, and given back with it when
 * that chunk fails. Two campaigns that render the same customer's statements at the same
 * moment get a number each: the second waits for the first's chunk, then takes the next.
 */
@Repository
class StatementNumbers {

	/** How often a number is taken again when another run took it at the same moment. */
	private static final int ATTEMPTS = 3;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransactionTemplate savepoint;

	StatementNumbers(DataSource dataSource, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = JdbcClient.create(dataSource);
		this.clock = clock;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * The number of a customer's statement of a run, assigned now when it has none: one
	 * statement that inserts the next number unless the run has one already and hands the
	 * inserted number back; only a rerun or restart reads the kept one after it.
	 */
	int assign(RunRef run, String customerId) {
		for (int attempt = 1;; attempt++) {
			try {
				// a savepoint: a refused insert leaves the chunk's transaction usable
				Integer number = this.savepoint.execute((status) -> assignOnce(run, customerId));
				return (number != null) ? number : find(run, customerId).orElseThrow();
			}
			catch (DuplicateKeyException ex) {
				// another campaign's run numbered this customer's next statement at the
				// same
				// moment and has committed it: the number after it is this one's
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	/** The number inserted now, or null when the run has one already. */
	private @Nullable Integer assignOnce(RunRef run, String customerId) {
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
		return (number != null) ? number.intValue() : null;
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
