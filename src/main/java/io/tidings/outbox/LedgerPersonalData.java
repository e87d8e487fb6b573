package io.tidings.outbox;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A customer's ledger rows as stored, for the privacy export, and their erasure: the rows
 * stay, so that no communication is ever sent twice, without the reasons written for the
 * customer and without the documents the law does not require.
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

}
