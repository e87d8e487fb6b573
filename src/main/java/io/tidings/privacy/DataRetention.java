package io.tidings.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import io.tidings.archive.DocumentArchive;
import io.tidings.customer.CustomerPersonalData;
import io.tidings.outbox.LedgerPersonalData;
import io.tidings.response.ResponsePersonalData;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Purges what is past its retention period: archived documents, then the ledger rows of
 * communications and the responses, leaving out customers under legal hold, and records
 * the purge; each module that holds the data purges its own. Files go first and rows
 * after, so that a purge stopped half-way is finished by running it again. Consent events
 * and suppression entries are kept: they prove what a customer asked for and keep
 * honouring it.
 */
@Component
public class DataRetention {

	/** Documents deleted together: the documents of a batch's file are rewritten once. */
	private static final int DELETED_AT_ONCE = 1000;

	/**
	 * How long a batch file no communication is in is kept: a running render stage
	 * records its documents after writing their file.
	 */
	private static final Duration UNRECORDED_FILES_KEPT = Duration.ofDays(1);

	private final CustomerPersonalData customers;

	private final LedgerPersonalData ledger;

	private final ResponsePersonalData responses;

	private final TransactionTemplate transactions;

	private final RetentionSettings settings;

	private final DocumentArchive archive;

	private final PrivacyActions actions;

	DataRetention(CustomerPersonalData customers, LedgerPersonalData ledger, ResponsePersonalData responses,
			DataSource dataSource, PlatformTransactionManager transactionManager, RetentionSettings settings,
			DocumentArchive archive, Clock clock) {
		this.customers = customers;
		this.ledger = ledger;
		this.responses = responses;
		this.transactions = new TransactionTemplate(transactionManager);
		this.settings = settings;
		this.archive = archive;
		this.actions = new PrivacyActions(JdbcClient.create(dataSource), clock);
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
	 * @param unrecordedBatchFiles files of batches of printed documents no communication
	 * is in, deleted (counted in a dry run)
	 * @param dryRun nothing was deleted
	 */
	public record PurgeReport(OffsetDateTime archiveCutoff, OffsetDateTime historyCutoff, long documents,
			long communications, long responses, long unrecordedBatchFiles, boolean dryRun) {

		String summary() {
			return "documents archived before " + this.archiveCutoff + ": " + this.documents
					+ "; communications and responses before " + this.historyCutoff + ": " + this.communications
					+ " and " + this.responses + "; batch files no communication is in: " + this.unrecordedBatchFiles;
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
		List<String> held = this.customers.underLegalHold();
		if (dryRun) {
			return new PurgeReport(documentCutoff, historyCutoff,
					this.ledger.countDocumentsPlannedBefore(documentCutoff, held),
					this.ledger.countPlannedBefore(historyCutoff, held),
					this.responses.countOccurredBefore(historyCutoff, held), this.archive.countUnrecordedBatchFiles(
							this.ledger::forEachArchivedDocument, now.minus(UNRECORDED_FILES_KEPT).toInstant()),
					true);
		}
		long[] documents = { 0 };
		List<String> locations = new ArrayList<>();
		this.ledger.forEachDocumentPlannedBefore(documentCutoff, held, (location) -> {
			locations.add(location);
			documents[0]++;
			if (locations.size() == DELETED_AT_ONCE) {
				this.archive.delete(locations);
				locations.clear();
			}
		});
		this.archive.delete(locations);
		int unrecorded = this.archive.deleteUnrecordedBatchFiles(this.ledger::forEachArchivedDocument,
				now.minus(UNRECORDED_FILES_KEPT).toInstant());
		PurgeReport report = this.transactions.execute(status -> {
			this.ledger.forgetDocumentsPlannedBefore(documentCutoff, held);
			int communications = this.ledger.deletePlannedBefore(historyCutoff, held);
			int responses = this.responses.deleteOccurredBefore(historyCutoff, held);
			PurgeReport done = new PurgeReport(documentCutoff, historyCutoff, documents[0], communications, responses,
					unrecorded, false);
			this.actions.record("PURGE", null, done.summary());
			return done;
		});
		return Objects.requireNonNull(report);
	}

}
