package io.tidings.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Clob;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.archive.AtomicFiles;
import io.tidings.archive.DocumentArchive;
import io.tidings.customer.CustomerPersonalData;
import io.tidings.history.CustomerHistories;
import io.tidings.history.CustomerRecords;
import io.tidings.offer.ScorePersonalData;
import io.tidings.outbox.LedgerPersonalData;
import io.tidings.response.ResponsePersonalData;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Requests about one customer's data: export all of it, erase it, hold it, each asked of
 * the modules that hold the data. Erasure clears the personal data of the customer
 * record, deletes transactions, responses, scores and the source records' copies, and
 * deletes the documents of kinds the law does not require (statements stay until their
 * retention period ends, see {@link DataRetention}); it keeps the ledger rows, stripped
 * of the reasons written for the customer, so that no communication is ever sent twice,
 * and consent events and suppression entries, so that what the customer asked for is
 * still honoured. Every request is recorded.
 */
@Component
public class CustomerDataRequests {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final CustomerHistories histories;

	private final CustomerPersonalData customers;

	private final LedgerPersonalData ledger;

	private final ResponsePersonalData responses;

	private final ScorePersonalData scores;

	private final TransactionTemplate transactions;

	private final DocumentArchive archive;

	private final AtomicFiles files;

	private final PrivacyActions actions;

	CustomerDataRequests(CustomerHistories histories, CustomerPersonalData customers, LedgerPersonalData ledger,
			ResponsePersonalData responses, ScorePersonalData scores, DataSource dataSource,
			PlatformTransactionManager transactionManager, DocumentArchive archive, AtomicFiles files, Clock clock) {
		this.histories = histories;
		this.customers = customers;
		this.ledger = ledger;
		this.responses = responses;
		this.scores = scores;
		this.transactions = new TransactionTemplate(transactionManager);
		this.archive = archive;
		this.files = files;
		this.actions = new PrivacyActions(JdbcClient.create(dataSource), clock);
	}

	/**
	 * Writes everything held on a customer as one JSON object, one member per table;
	 * archived documents are listed by their path in the archive.
	 * @throws InvalidInputException when there is no such customer
	 */
	public void export(String customerId, OutputStream out) {
		String exportedAt = this.actions.now().toString();
		CustomerRecords records = this.histories.records(customerId).orElseThrow(() -> noSuchCustomer(customerId));
		Map<String, Object> sections = new LinkedHashMap<>();
		sections.put("customer", plain(records.customer()));
		sections.put("source_records", plain(records.sourceRecords()));
		sections.put("transactions", plain(records.transactions()));
		sections.put("communications", plain(records.communications()));
		sections.put("responses", plain(records.responses()));
		sections.put("consent_events", plain(records.consentEvents()));
		sections.put("statement_preferences", plain(records.statementPreferences()));
		sections.put("response_scores", plain(records.responseScores()));
		sections.put("audiences", plain(records.audiences()));
		sections.put("privacy_actions", plain(this.actions.rows(customerId)));
		Map<String, Object> export = new LinkedHashMap<>();
		export.put("customer_id", customerId);
		export.put("exported_at", exportedAt);
		export.putAll(sections);
		JSON.writeValue(out, export);
		this.actions.record("EXPORT", customerId, "exported " + sections.keySet());
	}

	/**
	 * Writes a customer's archived documents into a folder, a file each named
	 * {@code <communication id>.<pdf|eml|json>}: printed ones taken out of their batch's
	 * file as PDF/A files of their own, the others as archived. Documents already purged
	 * or erased are left out. The export is recorded.
	 * @return how many documents were written
	 * @throws InvalidInputException when there is no such customer
	 */
	public int exportDocuments(String customerId, Path folder) {
		requireCustomer(customerId);
		int written = 0;
		for (Map.Entry<String, String> document : this.ledger.archivedDocuments(customerId).entrySet()) {
			Optional<byte[]> content = this.archive.read(document.getValue());
			if (content.isEmpty()) {
				continue;
			}
			Path file = folder.resolve(document.getKey() + "." + DocumentArchive.extension(document.getValue()));
			try {
				this.files.write(file, content.get());
			}
			catch (IOException ex) {
				throw new InvalidInputException(file, "cannot be written: " + ex);
			}
			written++;
		}
		this.actions.record("EXPORT", customerId, "exported " + written + " archived documents");
		return written;
	}

	/**
	 * Erases a customer's personal data, keeping what the law requires.
	 * @return a summary of what was erased
	 * @throws InvalidInputException when there is no such customer or it is under legal
	 * hold
	 */
	public String erase(String customerId) {
		requireCustomer(customerId);
		if (this.customers.underLegalHold(customerId)) {
			throw new InvalidInputException("customer " + customerId
					+ " is under legal hold: nothing erased (release the hold first: tidings legal-hold " + customerId
					+ " --release)");
		}
		// documents first, rows after: an erasure stopped half-way is finished by running
		// it again
		List<String> documents = this.ledger.erasableDocuments(customerId);
		this.archive.delete(documents);
		String summary = this.transactions.execute(status -> {
			OffsetDateTime now = this.actions.now();
			int communications = this.ledger.erase(customerId);
			int transactions = this.customers.erase(customerId, now);
			int responses = this.responses.erase(customerId);
			this.scores.erase(customerId);
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
		this.customers.legalHold(customerId, hold);
		this.actions.record(hold ? "LEGAL_HOLD" : "HOLD_RELEASED", customerId,
				hold ? "legal hold placed" : "legal hold released");
	}

	private void requireCustomer(String customerId) {
		if (this.customers.customer(customerId).isEmpty()) {
			throw noSuchCustomer(customerId);
		}
	}

	private static InvalidInputException noSuchCustomer(String customerId) {
		return new InvalidInputException("no customer with id " + customerId);
	}

	private static List<Map<String, @Nullable Object>> plain(List<Map<String, @Nullable Object>> rows) {
		return rows.stream().map(CustomerDataRequests::plain).toList();
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
