package io.tidings.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox ledger: stores every planned communication before anything is sent and moves
 * it through its states. Planning is idempotent on (run, customer, document kind), so
 * re-planning after a crash never adds a second communication.
 */
@Repository
public class OutboxLedger {

	private static final String COLUMNS = "communication_id, campaign, run_key, customer_id, channel, document_kind, "
			+ "offer_code, template, decision_reason, state, state_reason, archive_path, content_sha256, page_count, "
			+ "delivery_ref, planned_at, rendered_at, sent_at, value_tier, variant, model_version, template_version";

	private static final RowMapper<Communication> ROW_MAPPER = OutboxLedger::mapRow;

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final DataSource dataSource;

	private final Clock clock;

	public OutboxLedger(DataSource dataSource, Clock clock) {
		this.dataSource = dataSource;
		this.jdbcTemplate = new JdbcTemplate(dataSource);
		this.jdbc = JdbcClient.create(this.jdbcTemplate);
		this.clock = clock;
	}

	/**
	 * Records planned communications; a plan already in the ledger for the same run,
	 * customer and document kind is left as it is.
	 */
	public void plan(List<CommunicationPlan> plans) {
		OffsetDateTime now = now();
		this.jdbcTemplate.batchUpdate(
				"""
						MERGE INTO communication t
						USING (VALUES (CAST(? AS VARCHAR(36)), CAST(? AS VARCHAR(100)), CAST(? AS VARCHAR(40)),
						               CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(20)))) AS s(id, campaign, run_key, customer_id, kind)
						ON t.campaign = s.campaign AND t.run_key = s.run_key AND t.customer_id = s.customer_id
						   AND t.document_kind = s.kind
						WHEN NOT MATCHED THEN INSERT (communication_id, campaign, run_key, customer_id, channel, document_kind,
						   offer_code, template, decision_reason, state, state_reason, planned_at, updated_at, value_tier,
						   variant, model_version, template_version)
						VALUES (s.id, s.campaign, s.run_key, s.customer_id, ?, s.kind, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
						""",
				plans, plans.size(), (ps, plan) -> {
					ps.setString(1, plan.id().value());
					ps.setString(2, plan.run().campaign());
					ps.setString(3, plan.run().runKey());
					ps.setString(4, plan.customerId());
					ps.setString(5, plan.kind().name());
					ps.setString(6, plan.channel().name());
					ps.setString(7, plan.offerCode());
					ps.setString(8, plan.template());
					ps.setString(9, truncate(plan.decisionReason()));
					ps.setString(10, plan.state().name());
					ps.setString(11, truncate(plan.stateReason()));
					ps.setObject(12, now);
					ps.setObject(13, now);
					ps.setString(14, plan.details().valueTier());
					ps.setString(15, plan.details().variant());
					ps.setString(16, plan.details().modelVersion());
					ps.setString(17, plan.details().templateVersion());
				});
	}

	public Optional<Communication> find(CommunicationId id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM communication WHERE communication_id = ?")
			.param(id.value())
			.query(ROW_MAPPER)
			.optional();
	}

	/**
	 * Every communication of one customer, oldest first.
	 */
	public List<Communication> findByCustomer(String customerId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM communication WHERE customer_id = ? ORDER BY planned_at, communication_id")
			.param(customerId)
			.query(ROW_MAPPER)
			.list();
	}

	/**
	 * The latest communication that offered a product to a customer, to attach a response
	 * that names no communication id.
	 */
	public Optional<Communication> findLatestOffer(String customerId, @Nullable String campaign, String product) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ """
							 FROM communication WHERE customer_id = :customer AND offer_code = :product
							 AND (CAST(:campaign AS VARCHAR(100)) IS NULL OR campaign = :campaign) AND state IN ('SENT', 'PRINTED', 'DELIVERED', 'RESPONDED')
							 ORDER BY planned_at DESC, communication_id FETCH FIRST 1 ROWS ONLY
							""")
			.param("customer", customerId)
			.param("product", product)
			.param("campaign", campaign)
			.query(ROW_MAPPER)
			.optional();
	}

	/**
	 * Streams the communications of a run in one state and channel, in id order, without
	 * holding them in memory.
	 */
	public void forEach(RunRef run, Channel channel, CommunicationState state, Consumer<Communication> action) {
		this.jdbcTemplate.query(con -> {
			var ps = con.prepareStatement("SELECT " + COLUMNS
					+ " FROM communication WHERE campaign = ? AND run_key = ? AND channel = ? AND state = ? ORDER BY communication_id");
			ps.setFetchSize(500);
			ps.setString(1, run.campaign());
			ps.setString(2, run.runKey());
			ps.setString(3, channel.name());
			ps.setString(4, state.name());
			return ps;
		}, (ResultSet rs) -> {
			action.accept(mapRow(rs, 0));
		});
	}

	/**
	 * A streaming reader over the communications of a run in one state. It keeps no
	 * position: moving an item to its next state takes it out of the query, so a
	 * restarted step simply reads what is left.
	 */
	public JdbcCursorItemReader<Communication> reader(String name, RunRef run, CommunicationState state) {
		return new JdbcCursorItemReaderBuilder<Communication>().name(name)
			.dataSource(this.dataSource)
			.sql("SELECT " + COLUMNS
					+ " FROM communication WHERE campaign = ? AND run_key = ? AND state = ? ORDER BY communication_id")
			.queryArguments(run.campaign(), run.runKey(), state.name())
			.rowMapper(ROW_MAPPER)
			.fetchSize(500)
			.saveState(false)
			.build();
	}

	public void markRendered(CommunicationId id, String archivePath, String sha256, @Nullable Integer pageCount) {
		OffsetDateTime now = now();
		update("""
				UPDATE communication SET state = 'RENDERED', archive_path = ?, content_sha256 = ?, page_count = ?,
				rendered_at = ?, updated_at = ? WHERE communication_id = ? AND state = 'PLANNED'
				""", archivePath, sha256, pageCount, now, now, id.value());
	}

	public void markDelivered(CommunicationId id, DeliveryResult result) {
		OffsetDateTime now = now();
		update("""
				UPDATE communication SET state = ?, delivery_ref = ?, sent_at = ?, updated_at = ?
				WHERE communication_id = ? AND state = 'RENDERED'
				""", result.state().name(), truncate(result.deliveryRef()), now, now, id.value());
	}

	public void markFailed(CommunicationId id, String reason) {
		update("UPDATE communication SET state = 'FAILED', state_reason = ?, updated_at = ? WHERE communication_id = ?",
				truncate(reason), now(), id.value());
	}

	public void markResponded(CommunicationId id) {
		update("""
				UPDATE communication SET state = 'RESPONDED', updated_at = ?
				WHERE communication_id = ? AND state IN ('SENT', 'PRINTED', 'DELIVERED')
				""", now(), id.value());
	}

	/**
	 * Counts of a run's communications by channel, kind and state, plus the reasons for
	 * failed and suppressed ones.
	 */
	public List<RunTally> tally(RunRef run) {
		return this.jdbc.sql("""
				SELECT channel, document_kind, state, state_reason, COUNT(*) AS total FROM communication
				WHERE campaign = ? AND run_key = ? GROUP BY channel, document_kind, state, state_reason
				ORDER BY channel, document_kind, state, state_reason
				""")
			.params(run.campaign(), run.runKey())
			.query((rs, n) -> new RunTally(Channel.valueOf(rs.getString("channel")),
					DocumentKind.valueOf(rs.getString("document_kind")),
					CommunicationState.valueOf(rs.getString("state")), rs.getString("state_reason"),
					rs.getLong("total")))
			.list();
	}

	/**
	 * How many customers a run has offered each product in a cross-sell communication so
	 * far (suppressed ones do not count).
	 */
	public Map<String, Long> offeredCounts(RunRef run) {
		Map<String, Long> counts = new HashMap<>();
		this.jdbc
			.sql("""
					SELECT offer_code, COUNT(*) AS total FROM communication WHERE campaign = ? AND run_key = ?
					AND document_kind = 'CROSS_SELL' AND state <> 'SUPPRESSED' AND offer_code IS NOT NULL GROUP BY offer_code
					""")
			.params(run.campaign(), run.runKey())
			.query((rs, n) -> counts.put(rs.getString("offer_code"), rs.getLong("total")))
			.list();
		return counts;
	}

	private void update(String sql, @Nullable Object... args) {
		this.jdbcTemplate.update(sql, args);
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private static @Nullable String truncate(@Nullable String text) {
		return (text != null && text.length() > 2000) ? text.substring(0, 1997) + "..." : text;
	}

	private static Communication mapRow(ResultSet rs, int rowNum) throws SQLException {
		int pages = rs.getInt("page_count");
		Integer pageCount = rs.wasNull() ? null : pages;
		return new Communication(new CommunicationId(rs.getString("communication_id")),
				new RunRef(rs.getString("campaign"), rs.getString("run_key")), rs.getString("customer_id"),
				Channel.valueOf(rs.getString("channel")), DocumentKind.valueOf(rs.getString("document_kind")),
				rs.getString("offer_code"), rs.getString("template"), rs.getString("decision_reason"),
				CommunicationState.valueOf(rs.getString("state")), rs.getString("state_reason"),
				rs.getString("archive_path"), rs.getString("content_sha256"), pageCount, rs.getString("delivery_ref"),
				instant(rs, "planned_at"), nullableInstant(rs, "rendered_at"), nullableInstant(rs, "sent_at"),
				new DecisionDetails(rs.getString("value_tier"), rs.getString("variant"), rs.getString("model_version"),
						rs.getString("template_version")));
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
