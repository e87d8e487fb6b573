package io.tidings.outbox;

import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ledger's part in privacy requests: a customer's ledger rows as stored, for the
 * export; their erasure, after which the rows stay, so that no communication is ever sent
 * twice, without the reasons written for the customer and without the documents the law
 * does not require; and the purge of rows and documents past their retention period,
 * leaving out the customers given (those under legal hold).
 */
@Component
public class LedgerPersonalData {

	/** The document kinds an erasure deletes, as an SQL list. */
	private static final String NOT_REQUIRED = Arrays.stream(DocumentKind.values())
		.filter((kind) -> !kind.legallyRequired())
		.map(DocumentKind::name)
		.collect(Collectors.joining("', '", "('", "')"));

	private final JdbcClient jdbc;

	LedgerPersonalData(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * The customer's communications, column by column, in the order they were planned.
	 */
	public List<Map<String, @Nullable Object>> communications(String customerId) {
		return this.jdbc.sql("SELECT * FROM communication WHERE customer_id = ? ORDER BY planned_at")
			.param(customerId)
			.query()
			.listOfRows();
	}

	/**
	 * Hands on where every archived document of the ledger is.
	 */
	public void forEachArchivedDocument(Consumer<String> action) {
		this.jdbc.sql("SELECT archive_path FROM communication WHERE archive_path IS NOT NULL")
			.query((ResultSet rs) -> action.accept(rs.getString(1)));
	}

	/**
	 * Where the customer's archived documents are, by communication id, oldest first.
	 */
	public Map<String, String> archivedDocuments(String customerId) {
		Map<String, String> documents = new LinkedHashMap<>();
		this.jdbc
			.sql("SELECT communication_id, archive_path FROM communication WHERE customer_id = ?"
					+ " AND archive_path IS NOT NULL ORDER BY planned_at, communication_id")
			.param(customerId)
			.query((ResultSet rs) -> {
				documents.put(rs.getString(1), rs.getString(2));
			});
		return documents;
	}

	/**
	 * The archive paths of the customer's documents that an erasure deletes.
	 */
	public List<String> erasableDocuments(String customerId) {
		return this.jdbc
			.sql("SELECT archive_path FROM communication WHERE customer_id = ? AND archive_path IS NOT NULL"
					+ " AND document_kind IN " + NOT_REQUIRED)
			.param(customerId)
			.query(String.class)
			.list();
	}

	/**
	 * Strips the customer's communications of their reasons and of the archive paths of
	 * {@link #erasableDocuments(String) erasable documents}.
	 * @return the number of communications kept
	 */
	public int erase(String customerId) {
		return this.jdbc
			.sql("UPDATE communication SET archive_path = CASE WHEN document_kind IN " + NOT_REQUIRED
					+ " THEN NULL ELSE archive_path END, decision_reason = 'erased',"
					+ " state_reason = CASE WHEN state_reason IS NULL THEN NULL ELSE 'erased' END"
					+ " WHERE customer_id = ?")
			.param(customerId)
			.update();
	}

	/**
	 * Counts the archived documents of communications planned before the cutoff.
	 */
	public long countDocumentsPlannedBefore(OffsetDateTime cutoff, Collection<String> exceptCustomers) {
		return sql("SELECT COUNT(*)" + documentsBefore(exceptCustomers), cutoff, exceptCustomers).query(Long.class)
			.single();
	}

	/**
	 * Counts the communications planned before the cutoff.
	 */
	public long countPlannedBefore(OffsetDateTime cutoff, Collection<String> exceptCustomers) {
		return sql("SELECT COUNT(*)" + plannedBefore(exceptCustomers), cutoff, exceptCustomers).query(Long.class)
			.single();
	}

	/**
	 * Passes the archive path of each document of a communication planned before the
	 * cutoff, one at a time, as they are read.
	 */
	public void forEachDocumentPlannedBefore(OffsetDateTime cutoff, Collection<String> exceptCustomers,
			Consumer<String> action) {
		// in the archive's order, so that the documents of a batch's file come together
		sql("SELECT archive_path" + documentsBefore(exceptCustomers) + " ORDER BY archive_path", cutoff,
				exceptCustomers)
			.query((ResultSet rs) -> action.accept(rs.getString(1)));
	}

	/**
	 * Forgets the archive paths of the documents of communications planned before the
	 * cutoff.
	 */
	public void forgetDocumentsPlannedBefore(OffsetDateTime cutoff, Collection<String> exceptCustomers) {
		sql("UPDATE communication SET archive_path = NULL WHERE communication_id IN (SELECT communication_id"
				+ documentsBefore(exceptCustomers) + ")", cutoff, exceptCustomers)
			.update();
	}

	/**
	 * Deletes the communications planned before the cutoff.
	 * @return the number deleted
	 */
	public int deletePlannedBefore(OffsetDateTime cutoff, Collection<String> exceptCustomers) {
		return sql("DELETE" + plannedBefore(exceptCustomers), cutoff, exceptCustomers).update();
	}

	private JdbcClient.StatementSpec sql(String sql, OffsetDateTime cutoff, Collection<String> exceptCustomers) {
		return this.jdbc.sql(sql).param("cutoff", cutoff).param("except", exceptCustomers);
	}

	private static String documentsBefore(Collection<String> exceptCustomers) {
		return " FROM communication WHERE archive_path IS NOT NULL AND planned_at < :cutoff" + except(exceptCustomers);
	}

	private static String plannedBefore(Collection<String> exceptCustomers) {
		return " FROM communication WHERE planned_at < :cutoff" + except(exceptCustomers);
	}

	private static String except(Collection<String> exceptCustomers) {
		return exceptCustomers.isEmpty() ? "" : " AND customer_id NOT IN (:except)";
	}

}
