package io.tidings.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;

/**
 * How a row of the {@code communication} table reads as a {@link Communication}: the
 * column list and row mapper the ledger's readers and look-ups share.
 */
final class CommunicationRows {

	/** {@code SELECT} of every mapped column {@code FROM communication}. */
	static final String SELECT = "SELECT communication_id, campaign, run_key, customer_id, channel, document_kind, "
			+ "offer_code, template, decision_reason, state, state_reason, archive_path, content_sha256, page_count, "
			+ "delivery_ref, planned_at, rendered_at, sent_at, reason_code, value_tier, expected_value, drop_date, "
			+ "not_before, deferral_code, deferral_reason, variant, model_version, template_version FROM communication";

	/**
	 * A run's communications of one state in id order. The columns the query fixes come
	 * first because H2 reads rows in an index's order, instead of sorting them all, only
	 * when the ORDER BY starts with the index's columns
	 * ({@code communication_run_state_id_idx}): a page of a large run then costs what a
	 * page of a small one does.
	 */
	static final String IN_ID_ORDER = " ORDER BY campaign, run_key, state, communication_id";

	static final RowMapper<Communication> MAPPER = CommunicationRows::map;

	private CommunicationRows() {
	}

	static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	static Communication map(ResultSet rs, int rowNum) throws SQLException {
		int pages = rs.getInt("page_count");
		Integer pageCount = rs.wasNull() ? null : pages;
		return new Communication(new CommunicationId(rs.getString("communication_id")),
				new RunRef(rs.getString("campaign"), rs.getString("run_key")), rs.getString("customer_id"),
				Channel.valueOf(rs.getString("channel")), DocumentKind.valueOf(rs.getString("document_kind")),
				rs.getString("offer_code"), rs.getString("template"), rs.getString("decision_reason"),
				CommunicationState.valueOf(rs.getString("state")), rs.getString("state_reason"),
				rs.getString("archive_path"), rs.getString("content_sha256"), pageCount, rs.getString("delivery_ref"),
				instant(rs, "planned_at"), nullableInstant(rs, "rendered_at"), nullableInstant(rs, "sent_at"),
				rs.getString("reason_code"), expectedValue(rs), rs.getObject("drop_date", LocalDate.class),
				nullableInstant(rs, "not_before"), rs.getString("deferral_code"), rs.getString("deferral_reason"),
				new DecisionDetails(rs.getString("value_tier"), rs.getString("variant"), rs.getString("model_version"),
						rs.getString("template_version")));
	}

	private static @Nullable Double expectedValue(ResultSet rs) throws SQLException {
		double value = rs.getDouble("expected_value");
		return rs.wasNull() ? null : value;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Instant value = nullableInstant(rs, column);
		if (value == null) {
			throw new SQLException("Column " + column + " is null");
		}
		return value;
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
