package io.tidings.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import io.tidings.TidingsHome;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Purges what is past its retention period: archived documents, then the ledger rows of
 * communications and the responses, leaving out customers under legal hold, and records
 * the purge. Files go first and rows after, so that a purge stopped half-way is finished
 * by running it again. Consent events and suppression entries are kept: they prove what a
 * customer asked for and keep honouring it.
 */
@Component
public class DataRetention {

	private static final String NOT_HELD = " AND NOT EXISTS (SELECT 1 FROM customer h"
			+ " WHERE h.customer_id = c.customer_id AND h.legal_hold = TRUE)";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final RetentionSettings settings;

	private final Path archive;

	private final PrivacyActions actions;

	DataRetention(DataSource dataSource, PlatformTransactionManager transactionManager, RetentionSettings settings,
			TidingsHome home, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.transactions = new TransactionTemplate(transactionManager);
		this.settings = settings;
		this.archive = home.archive();
		this.actions = new PrivacyActions(this.jdbc, clock);
	}

	/**
	 * What was purged, or would be in a dry run.
	 *
	 * @param archiveCutoff documents of communications planned before this are deleted
	 * @param historyCutoff communications planned and responses occurred before this are
	 * deleted
	 * @param documents archived documents deleted
	 * @param communications ledger rows deleted
	 * @param responses responses deleted
	 * @param dryRun nothing was deleted
	 */
	public record PurgeReport(OffsetDateTime archiveCutoff, OffsetDateTime historyCutoff, long documents,
			long communications, long responses, boolean dryRun) {

		String summary() {
			return "documents archived before " + this.archiveCutoff + ": " + this.documents
					+ "; communications and responses before " + this.historyCutoff + ": " + this.communications
					+ " and " + this.responses;
		}

	}

	/**
	 * Purges everything past its retention period, or counts it in a dry run.
	 */
	public PurgeReport purge(boolean dryRun) {
		OffsetDateTime now = this.actions.now();
		OffsetDateTime archiveCutoff = now.minus(this.settings.archive());
		OffsetDateTime historyCutoff = now.minus(this.settings.contactHistory());
		// a document goes at the latest with its ledger row
		OffsetDateTime documentCutoff = archiveCutoff.isAfter(historyCutoff) ? archiveCutoff : historyCutoff;
		String documentsPast = "FROM communication c WHERE c.archive_path IS NOT NULL AND c.planned_at < ?" + NOT_HELD;
		String communicationsPast = "FROM communication c WHERE c.planned_at < ?" + NOT_HELD;
		String responsesPast = "FROM contact_response c WHERE c.occurred_at < ?" + NOT_HELD;
		if (dryRun) {
			return new PurgeReport(documentCutoff, historyCutoff, count(documentsPast, documentCutoff),
					count(communicationsPast, historyCutoff), count(responsesPast, historyCutoff), true);
		}
		long[] documents = { 0 };
		this.jdbc.sql("SELECT c.archive_path " + documentsPast).param(documentCutoff).query((java.sql.ResultSet rs) -> {
			delete(this.archive.resolve(rs.getString(1)));
			documents[0]++;
		});
		PurgeReport report = this.transactions.execute(status -> {
			this.jdbc
				.sql("UPDATE communication SET archive_path = NULL WHERE communication_id IN"
						+ " (SELECT c.communication_id " + documentsPast + ")")
				.param(documentCutoff)
				.update();
			int communications = this.jdbc
				.sql("DELETE FROM communication WHERE communication_id IN" + " (SELECT c.communication_id "
						+ communicationsPast + ")")
				.param(historyCutoff)
				.update();
			int responses = this.jdbc
				.sql("DELETE FROM contact_response WHERE response_id IN" + " (SELECT c.response_id " + responsesPast
						+ ")")
				.param(historyCutoff)
				.update();
			PurgeReport done = new PurgeReport(documentCutoff, historyCutoff, documents[0], communications, responses,
					false);
			this.actions.record("PURGE", null, done.summary());
			return done;
		});
		return java.util.Objects.requireNonNull(report);
	}

	private long count(String from, OffsetDateTime cutoff) {
		return this.jdbc.sql("SELECT COUNT(*) " + from).param(cutoff).query(Long.class).single();
	}

	static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + file, ex);
		}
	}

}
