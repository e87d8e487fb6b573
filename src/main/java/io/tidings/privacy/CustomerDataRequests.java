package io.tidings.privacy;

import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Clob;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.TidingsHome;
import io.tidings.outbox.DocumentKind;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Requests about one customer's data: export all of it, erase it, hold it. Erasure clears
 * the personal data of the customer record, deletes transactions, responses, scores and
 * the source records' copies, and deletes the documents of kinds the law does not require
 * (statements stay until their retention period ends, see {@link DataRetention}); it
 * keeps the ledger rows, stripped of the reasons written for the customer, so that no
 * communication is ever sent twice, and consent events and suppression entries, so that
 * what the customer asked for is still honoured. Every request is recorded.
 */
@Component
public class CustomerDataRequests {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	/** Tables holding a customer's data, with the query for one customer's rows. */
	private static final Map<String, String> SECTIONS = sections();

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Path archive;

	private final PrivacyActions actions;

	CustomerDataRequests(DataSource dataSource, PlatformTransactionManager transactionManager, TidingsHome home,
			Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.transactions = new TransactionTemplate(transactionManager);
		this.archive = home.archive();
		this.actions = new PrivacyActions(this.jdbc, clock);
	}

	private static Map<String, String> sections() {
		Map<String, String> sections = new LinkedHashMap<>();
		sections.put("customer", "SELECT * FROM customer WHERE customer_id = ?");
		sections.put("source_records", "SELECT * FROM customer_source WHERE customer_id = ? ORDER BY imported_at");
		sections.put("transactions", "SELECT * FROM account_transaction WHERE customer_id = ? ORDER BY booked_on");
		sections.put("communications", "SELECT * FROM communication WHERE customer_id = ? ORDER BY planned_at");
		sections.put("responses", "SELECT * FROM contact_response WHERE customer_id = ? ORDER BY occurred_at");
		sections.put("consent_events", "SELECT * FROM consent_event WHERE customer_id = ? ORDER BY occurred_at");
		sections.put("statement_preferences",
				"SELECT * FROM statement_preference_event WHERE customer_id = ? ORDER BY occurred_at");
		sections.put("response_scores", "SELECT * FROM offer_response_score WHERE customer_id = ? ORDER BY product");
		sections.put("audiences", "SELECT * FROM run_audience WHERE customer_id = ? ORDER BY campaign, run_key");
		sections.put("privacy_actions", "SELECT * FROM privacy_action WHERE customer_id = ? ORDER BY performed_at");
		return sections;
	}

	/**
	 * Writes everything held on a customer as one JSON object, one member per table;
	 * archived documents are listed by their path in the archive.
	 * @throws InvalidInputException when there is no such customer
	 */
	public void export(String customerId, OutputStream out) {
		requireCustomer(customerId);
		Map<String, Object> export = new LinkedHashMap<>();
		export.put("customer_id", customerId);
		export.put("exported_at", this.actions.now().toString());
		SECTIONS.forEach((section, sql) -> {
			List<Map<String, Object>> rows = this.jdbc.sql(sql)
				.param(customerId)
				.query()
				.listOfRows()
				.stream()
				.map(CustomerDataRequests::plain)
				.toList();
			export.put(section, section.equals("customer") ? rows.get(0) : rows);
		});
		JSON.writeValue(out, export);
		this.actions.record("EXPORT", customerId, "exported " + SECTIONS.keySet());
	}

	/**
	 * Erases a customer's personal data, keeping what the law requires.
	 * @return a summary of what was erased
	 * @throws InvalidInputException when there is no such customer or it is under legal
	 * hold
	 */
	public String erase(String customerId) {
		Map<String, Object> customer = requireCustomer(customerId);
		if (Boolean.TRUE.equals(customer.get("legal_hold"))) {
			throw new InvalidInputException("customer " + customerId
					+ " is under legal hold: nothing erased (release the hold first: tidings legal-hold " + customerId
					+ " --release)");
		}
		List<String> notRequired = new ArrayList<>();
		for (DocumentKind kind : DocumentKind.values()) {
			if (!kind.legallyRequired()) {
				notRequired.add(kind.name());
			}
		}
		String kinds = String.join("','", notRequired);
		// documents first, rows after: an erasure stopped half-way is finished by running
		// it again
		List<String> documents = this.jdbc
			.sql("SELECT archive_path FROM communication WHERE customer_id = ? AND archive_path IS NOT NULL"
					+ " AND document_kind IN ('" + kinds + "')")
			.param(customerId)
			.query(String.class)
			.list();
		documents.forEach(path -> DataRetention.delete(this.archive.resolve(path)));
		String summary = this.transactions.execute(status -> {
			int communications = this.jdbc
				.sql("UPDATE communication SET archive_path = CASE WHEN document_kind IN ('" + kinds
						+ "') THEN NULL ELSE archive_path END, decision_reason = 'erased',"
						+ " state_reason = CASE WHEN state_reason IS NULL THEN NULL ELSE 'erased' END"
						+ " WHERE customer_id = ?")
				.param(customerId)
				.update();
			int transactions = deleteRows("account_transaction", customerId);
			int responses = deleteRows("contact_response", customerId);
			deleteRows("offer_response_score", customerId);
			this.jdbc.sql("UPDATE customer_source SET snapshot = NULL WHERE customer_id = ?")
				.param(customerId)
				.update();
			this.jdbc
				.sql("UPDATE customer SET salutation = NULL, first_name = NULL, last_name = NULL,"
						+ " address_line1 = NULL, address_line2 = NULL, postcode = NULL, city = NULL, email = NULL,"
						+ " phone = NULL, birth_date = NULL, marital_status = NULL, balance = 0, holdings = '',"
						+ " children = 0, consent_email = FALSE, consent_sms = FALSE, attributes = '{}',"
						+ " match_key = ?, email_key = NULL, household_key = NULL, erased_at = ?, updated_at = ?"
						+ " WHERE customer_id = ?")
				.params("erased:" + customerId, this.actions.now(), this.actions.now(), customerId)
				.update();
			String done = "personal data erased; " + documents.size() + " documents deleted, " + communications
					+ " communications kept without reasons, " + transactions + " transactions and " + responses
					+ " responses deleted";
			this.actions.record("ERASE", customerId, done);
			return done;
		});
		return Objects.requireNonNull(summary);
	}

	/**
	 * Puts a customer under legal hold, or releases the hold: a held customer is left out
	 * of purges and cannot be erased.
	 */
	public void legalHold(String customerId, boolean hold) {
		requireCustomer(customerId);
		this.jdbc.sql("UPDATE customer SET legal_hold = ? WHERE customer_id = ?").params(hold, customerId).update();
		this.actions.record(hold ? "LEGAL_HOLD" : "HOLD_RELEASED", customerId,
				hold ? "legal hold placed" : "legal hold released");
	}

	private int deleteRows(String table, String customerId) {
		return this.jdbc.sql("DELETE FROM " + table + " WHERE customer_id = ?").param(customerId).update();
	}

	private Map<String, Object> requireCustomer(String customerId) {
		return this.jdbc.sql("SELECT * FROM customer WHERE customer_id = ?")
			.param(customerId)
			.query()
			.listOfRows()
			.stream()
			.findFirst()
			.map(CustomerDataRequests::plain)
			.orElseThrow(() -> new InvalidInputException("no customer with id " + customerId));
	}

	/**
	 * A row with lower-case column names (H2 answers in upper case) and values JSON can
	 * hold.
	 */
	private static Map<String, @Nullable Object> plain(Map<String, @Nullable Object> row) {
		Map<String, @Nullable Object> plain = new LinkedHashMap<>();
		row.forEach((column, value) -> plain.put(column.toLowerCase(Locale.ROOT), plainValue(value)));
		return plain;
	}

	private static @Nullable Object plainValue(@Nullable Object value) {
		if (value instanceof Clob clob) {
			try {
				return clob.getSubString(1, (int) clob.length());
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot read a text column", ex);
			}
		}
		if (value instanceof TemporalAccessor || value instanceof java.util.Date) {
			return value.toString();
		}
		return value;
	}

}
