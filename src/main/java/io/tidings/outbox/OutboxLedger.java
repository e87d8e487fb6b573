package io.tidings.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

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
			+ "delivery_ref, planned_at, rendered_at, sent_at, reason_code, value_tier, expected_value, drop_date, "
			+ "not_before, deferral_code, deferral_reason, variant, model_version, template_version";

	/**
	 * A run's communications of one state in id order. The columns the query fixes come
	 * first because H2 reads rows in an index's order, instead of sorting them all, only
	 * when the ORDER BY starts with the index's columns
	 * ({@code communication_run_state_id_idx}): a page of a large run then costs what a
	 * page of a small one does.
	 */
	private static final String IN_ID_ORDER = " ORDER BY campaign, run_key, state, communication_id";

	/**
	 * States of communications that were or will be sent: what caps and capacity count.
	 */
	private static final String CONTACT_STATES = "'PLANNED', 'RENDERED', 'SENT', 'PRINTED', 'DELIVERED', 'BOUNCED', "
			+ "'RESPONDED'";

	/** Dry runs plan without sending: they are no contact history. */
	private static final String NOT_A_DRY_RUN = "run_key NOT LIKE '%-dry-%'";

	private static final RowMapper<Communication> ROW_MAPPER = OutboxLedger::mapRow;

	private static final String IN_DOUBT = """
			UPDATE communication SET state = 'SENT', reason_code = 'in-doubt', state_reason = ?,
			sent_at = COALESCE(handed_over_at, ?), updated_at = ? \
			""";

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
						   offer_code, template, decision_reason, state, state_reason, planned_at, updated_at,
						   reason_code, value_tier, expected_value, variant, model_version, template_version)
						VALUES (s.id, s.campaign, s.run_key, s.customer_id, ?, s.kind, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
					ps.setString(14, plan.reasonCode());
					ps.setString(15, plan.valueTier());
					ps.setObject(16, plan.expectedValue());
					ps.setString(17, plan.details().variant());
					ps.setString(18, plan.details().modelVersion());
					ps.setString(19, plan.details().templateVersion());
				});
	}

	public Optional<Communication> find(CommunicationId id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM communication WHERE communication_id = ?")
			.param(id.value())
			.query(ROW_MAPPER)
			.optional();
	}

	/**
	 * One communication of a run in a state for each channel, document kind and offer: a
	 * sample of everything the run holds, at most {@code limit}.
	 */
	public List<Communication> sampleOfEachKind(RunRef run, CommunicationState state, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM communication WHERE communication_id IN (SELECT MIN(communication_id) FROM communication
				WHERE campaign = ? AND run_key = ? AND state = ? GROUP BY channel, document_kind, offer_code)
				ORDER BY channel, document_kind, offer_code FETCH FIRST ? ROWS ONLY
				""").params(run.campaign(), run.runKey(), state.name(), limit).query(ROW_MAPPER).list();
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
					+ " FROM communication WHERE campaign = ? AND run_key = ? AND channel = ? AND state = ?"
					+ IN_ID_ORDER);
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
		return reader(name, run, state, EnumSet.allOf(Channel.class));
	}

	/**
	 * A streaming reader over the communications of a run in one state on some channels
	 * (see {@link #reader(String, RunRef, CommunicationState)}).
	 */
	public JdbcCursorItemReader<Communication> reader(String name, RunRef run, CommunicationState state,
			Set<Channel> channels) {
		return new JdbcCursorItemReaderBuilder<Communication>().name(name)
			.dataSource(this.dataSource)
			.sql("SELECT " + COLUMNS + " FROM communication WHERE campaign = ? AND run_key = ? AND state = ?"
					+ " AND channel IN (" + channelList(channels) + ")" + IN_ID_ORDER)
			.queryArguments(run.campaign(), run.runKey(), state.name())
			.rowMapper(ROW_MAPPER)
			.fetchSize(500)
			.saveState(false)
			.build();
	}

	/**
	 * A streaming reader over the communications of a run in one state whose customer ids
	 * lie in a range (both ends included): one partition of a stage that several workers
	 * share.
	 */
	public JdbcCursorItemReader<Communication> reader(String name, RunRef run, CommunicationState state,
			String firstCustomer, String lastCustomer) {
		return new JdbcCursorItemReaderBuilder<Communication>().name(name)
			.dataSource(this.dataSource)
			.sql("SELECT " + COLUMNS + " FROM communication WHERE campaign = ? AND run_key = ? AND state = ?"
					+ " AND customer_id BETWEEN ? AND ?" + IN_ID_ORDER)
			.queryArguments(run.campaign(), run.runKey(), state.name(), firstCustomer, lastCustomer)
			.rowMapper(ROW_MAPPER)
			.fetchSize(500)
			.saveState(false)
			.build();
	}

	/**
	 * Splits the customers having communications of a run in one state into ranges of
	 * customer ids with about as many customers each.
	 * @param count how many ranges at most
	 * @return the ranges in order; none when no communication is in that state
	 */
	public List<CustomerRange> customerRanges(RunRef run, CommunicationState state, int count) {
		return this.jdbc.sql("""
				SELECT MIN(customer_id) AS first_customer, MAX(customer_id) AS last_customer FROM (
				  SELECT customer_id, NTILE(?) OVER (ORDER BY customer_id) AS tile FROM (
				    SELECT DISTINCT customer_id FROM communication WHERE campaign = ? AND run_key = ? AND state = ?
				  ) AS customers
				) AS tiles GROUP BY tile ORDER BY tile
				""")
			.params(count, run.campaign(), run.runKey(), state.name())
			.query((rs, row) -> new CustomerRange(rs.getString("first_customer"), rs.getString("last_customer")))
			.list();
	}

	/**
	 * Customer ids from {@code first} to {@code last}, both included.
	 */
	public record CustomerRange(String first, String last) {

	}

	private static String channelList(Set<Channel> channels) {
		return channels.stream().map(channel -> "'" + channel.name() + "'").collect(Collectors.joining(", "));
	}

	/**
	 * The next communications of a run in one state and channel after an id that are due
	 * at the given moment, in id order: a page of a walk that a crash can resume from the
	 * last id it finished.
	 */
	public List<Communication> findDueAfter(RunRef run, Channel channel, CommunicationState state, Instant now,
			@Nullable CommunicationId after, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM communication WHERE campaign = ? AND run_key = ? AND channel = ? AND state = ?
				AND (not_before IS NULL OR not_before <= ?) AND communication_id > ?
				""" + IN_ID_ORDER + " FETCH FIRST ? ROWS ONLY")
			.params(run.campaign(), run.runKey(), channel.name(), state.name(),
					OffsetDateTime.ofInstant(now, ZoneOffset.UTC), (after != null) ? after.value() : "", limit)
			.query(ROW_MAPPER)
			.list();
	}

	/**
	 * Like {@link #reader(String, RunRef, CommunicationState, Set)}, but only what is due
	 * at the given moment: deferred communications wait for a later delivery pass.
	 */
	public JdbcCursorItemReader<Communication> dueReader(String name, RunRef run, CommunicationState state,
			Set<Channel> channels, Instant now) {
		return new JdbcCursorItemReaderBuilder<Communication>().name(name)
			.dataSource(this.dataSource)
			.sql("SELECT " + COLUMNS + " FROM communication WHERE campaign = ? AND run_key = ? AND state = ?"
					+ " AND channel IN (" + channelList(channels) + ")" + " AND (not_before IS NULL OR not_before <= ?)"
					+ IN_ID_ORDER)
			.queryArguments(run.campaign(), run.runKey(), state.name(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.rowMapper(ROW_MAPPER)
			.fetchSize(500)
			.saveState(false)
			.build();
	}

	/**
	 * A streaming reader over the planned communications of a run that the contact policy
	 * has not scheduled yet, highest expected value first, so that when daily capacity is
	 * short the most valuable contacts go first. Scheduling takes an item out of the
	 * query.
	 */
	public JdbcCursorItemReader<Communication> unscheduledReader(String name, RunRef run) {
		return new JdbcCursorItemReaderBuilder<Communication>().name(name)
			.dataSource(this.dataSource)
			.sql("SELECT " + COLUMNS + " FROM communication WHERE campaign = ? AND run_key = ? AND state = 'PLANNED'"
					+ " AND drop_date IS NULL ORDER BY expected_value DESC NULLS LAST, communication_id")
			.queryArguments(run.campaign(), run.runKey())
			.rowMapper(ROW_MAPPER)
			.fetchSize(500)
			.saveState(false)
			.build();
	}

	/**
	 * Records when a planned communication drops, and why not earlier.
	 */
	public void schedule(CommunicationId id, LocalDate dropDate, @Nullable Instant notBefore,
			@Nullable String deferralCode, @Nullable String deferralReason) {
		update("""
				UPDATE communication SET drop_date = ?, not_before = ?, deferral_code = ?, deferral_reason = ?,
				updated_at = ? WHERE communication_id = ? AND state IN ('PLANNED', 'RENDERED')
				""", dropDate, (notBefore != null) ? OffsetDateTime.ofInstant(notBefore, ZoneOffset.UTC) : null,
				deferralCode, truncate(deferralReason), now(), id.value());
	}

	/**
	 * Takes a communication that has not been sent out of delivery for good, with the
	 * reason (an opt-out received after it was planned, a frequency cap, capacity).
	 */
	public void markSuppressed(CommunicationId id, String reasonCode, String reason) {
		update("""
				UPDATE communication SET state = 'SUPPRESSED', reason_code = ?, state_reason = ?, updated_at = ?
				WHERE communication_id = ? AND state IN ('PLANNED', 'RENDERED')
				""", reasonCode, truncate(reason), now(), id.value());
	}

	/**
	 * A customer's marketing contacts since a day, sent or planned, in every campaign but
	 * one run (the run being planned does not count against itself) and no dry run.
	 */
	public List<Contact> marketingContacts(String customerId, RunRef excluded, LocalDate since) {
		return this.jdbc
			.sql("SELECT channel, sent_at, drop_date, planned_at FROM communication WHERE customer_id = ?"
					+ " AND document_kind IN (" + marketingKinds() + ") AND state IN (" + CONTACT_STATES + ") AND "
					+ NOT_A_DRY_RUN + " AND NOT (campaign = ? AND run_key = ?) AND planned_at >= ?")
			.params(customerId, excluded.campaign(), excluded.runKey(),
					OffsetDateTime.of(since.minusDays(400).atStartOfDay(), ZoneOffset.UTC))
			.query((rs, n) -> {
				OffsetDateTime sent = rs.getObject("sent_at", OffsetDateTime.class);
				LocalDate drop = rs.getObject("drop_date", LocalDate.class);
				LocalDate date = (sent != null) ? sent.toLocalDate()
						: (drop != null) ? drop : rs.getObject("planned_at", OffsetDateTime.class).toLocalDate();
				return new Contact(Channel.valueOf(rs.getString("channel")), date);
			})
			.list()
			.stream()
			.filter(contact -> !contact.date().isBefore(since))
			.toList();
	}

	/**
	 * Marketing communications of a campaign per drop day, in its real runs and in the
	 * given run: what daily capacity counts.
	 */
	public Map<LocalDate, Long> dropsPerDay(RunRef run, LocalDate from, LocalDate to) {
		Map<LocalDate, Long> counts = new TreeMap<>();
		this.jdbc
			.sql("SELECT drop_date, COUNT(*) AS total FROM communication WHERE campaign = ? AND (" + NOT_A_DRY_RUN
					+ " OR run_key = ?) AND document_kind IN (" + marketingKinds() + ") AND state IN (" + CONTACT_STATES
					+ ") AND drop_date BETWEEN ? AND ? GROUP BY drop_date")
			.params(run.campaign(), run.runKey(), from, to)
			.query((ResultSet rs) -> {
				counts.put(rs.getObject("drop_date", LocalDate.class), rs.getLong("total"));
			});
		return counts;
	}

	/**
	 * What a run holds, counted by channel, kind, offer, tier, state and reasons.
	 */
	public List<CommunicationCount> count(RunRef run, Instant now) {
		return this.jdbc
			.sql("""
					SELECT channel, document_kind, offer_code, value_tier, state, reason_code, deferral_code, deferred,
					COUNT(*) AS total FROM (SELECT channel, document_kind, offer_code, value_tier, state, reason_code,
					  deferral_code, CASE WHEN state IN ('PLANNED', 'RENDERED') AND not_before > ? THEN 1 ELSE 0 END AS deferred
					  FROM communication WHERE campaign = ? AND run_key = ?) c
					GROUP BY channel, document_kind, offer_code, value_tier, state, reason_code, deferral_code, deferred
					""")
			.params(OffsetDateTime.ofInstant(now, ZoneOffset.UTC), run.campaign(), run.runKey())
			.query((rs, n) -> new CommunicationCount(Channel.valueOf(rs.getString("channel")),
					DocumentKind.valueOf(rs.getString("document_kind")), rs.getString("offer_code"),
					rs.getString("value_tier"), CommunicationState.valueOf(rs.getString("state")),
					rs.getInt("deferred") == 1, rs.getString("reason_code"), rs.getString("deferral_code"),
					rs.getLong("total")))
			.list();
	}

	/**
	 * The communications of a run still waiting to be sent: how many, and when the next
	 * of them that is not due yet becomes due.
	 */
	public Pending pending(RunRef run, Instant now) {
		OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
		return this.jdbc.sql("""
				SELECT COUNT(*) AS total, SUM(CASE WHEN not_before IS NULL OR not_before <= ? THEN 1 ELSE 0 END) AS due,
				MIN(CASE WHEN not_before > ? THEN not_before END) AS next_due
				FROM communication WHERE campaign = ? AND run_key = ? AND state IN ('PLANNED', 'RENDERED')
				""").params(at, at, run.campaign(), run.runKey()).query((rs, n) -> {
			OffsetDateTime next = rs.getObject("next_due", OffsetDateTime.class);
			return new Pending(rs.getLong("total"), rs.getLong("due"), (next != null) ? next.toInstant() : null);
		}).single();
	}

	/**
	 * Communications of a run that wait to be sent.
	 *
	 * @param total how many are planned or rendered and not sent
	 * @param due how many of them may be sent now
	 * @param nextDue when the next one that is not due yet becomes due
	 */
	public record Pending(long total, long due, @Nullable Instant nextDue) {
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
		markFailed(id, "failed", reason);
	}

	/**
	 * Records, in its own transaction before the hand-over, that a communication is being
	 * handed to a transport that would deliver a repeated hand-over twice.
	 * @return false when a run that stopped had handed it over already: it must not be
	 * handed over again
	 */
	public boolean markHandedOver(CommunicationId id) {
		OffsetDateTime now = now();
		return this.jdbcTemplate.update("""
				UPDATE communication SET handed_over_at = ?, updated_at = ?
				WHERE communication_id = ? AND state = 'RENDERED' AND handed_over_at IS NULL
				""", now, now, id.value()) == 1;
	}

	/**
	 * Undoes {@link #markHandedOver} when the transport did not take the communication.
	 */
	public void clearHandOver(CommunicationId id) {
		update("UPDATE communication SET handed_over_at = NULL, updated_at = ? WHERE communication_id = ?", now(),
				id.value());
	}

	/**
	 * Settles the communications of a run that a stopped run handed to a transport
	 * without recording its answer: whether the transport took them is unknown, and
	 * handing them over again could send them twice, so they are recorded as {@code SENT}
	 * with reason code {@code in-doubt} (a delivery receipt or bounce settles them later)
	 * and never handed over again.
	 * @return how many were settled
	 */
	public int settleInDoubt(RunRef run) {
		return this.jdbcTemplate.update(
				IN_DOUBT + "WHERE campaign = ? AND run_key = ? AND state = 'RENDERED' "
						+ "AND handed_over_at IS NOT NULL",
				"handed to the transport by a run that stopped before the answer "
						+ "was recorded; not handed over again",
				now(), now(), run.campaign(), run.runKey());
	}

	/**
	 * Records a communication the transport may or may not have taken (see
	 * {@link DeliveryInDoubtException}) as {@code SENT} with reason code
	 * {@code in-doubt}.
	 */
	public void markSentInDoubt(CommunicationId id, String reason) {
		update(IN_DOUBT + "WHERE communication_id = ? AND state = 'RENDERED'", truncate(reason), now(), now(),
				id.value());
	}

	/**
	 * Records a communication as failed, with a short code for counts per reason.
	 */
	public void markFailed(CommunicationId id, String reasonCode, String reason) {
		update("""
				UPDATE communication SET state = 'FAILED', reason_code = ?, state_reason = ?, updated_at = ?
				WHERE communication_id = ?
				""", reasonCode, truncate(reason), now(), id.value());
	}

	/**
	 * Records that a sent communication will not arrive (a hard bounce, an SMS the
	 * carrier could not deliver, a letter returned), with a short code and the reason.
	 * @return whether its state changed
	 */
	public boolean markBounced(CommunicationId id, String reasonCode, String reason) {
		return this.jdbcTemplate.update("""
				UPDATE communication SET state = 'BOUNCED', reason_code = ?, state_reason = ?, updated_at = ?
				WHERE communication_id = ? AND state IN ('SENT', 'PRINTED', 'DELIVERED')
				""", reasonCode, truncate(reason), now(), id.value()) == 1;
	}

	/**
	 * Records that a sent communication reached the recipient (a delivery receipt).
	 * @return whether its state changed
	 */
	public boolean markReceived(CommunicationId id) {
		return this.jdbcTemplate.update("""
				UPDATE communication SET state = 'DELIVERED', updated_at = ?,
				reason_code = CASE WHEN reason_code = 'in-doubt' THEN NULL ELSE reason_code END,
				state_reason = CASE WHEN reason_code = 'in-doubt' THEN NULL ELSE state_reason END
				WHERE communication_id = ? AND state = 'SENT'
				""", now(), id.value()) == 1;
	}

	/**
	 * Records that the provider failed a communication it had accepted.
	 * @return whether its state changed
	 */
	public boolean markFailedAfterSending(CommunicationId id, String reasonCode, String reason) {
		return this.jdbcTemplate.update("""
				UPDATE communication SET state = 'FAILED', reason_code = ?, state_reason = ?, updated_at = ?
				WHERE communication_id = ? AND state IN ('SENT', 'DELIVERED')
				""", reasonCode, truncate(reason), now(), id.value()) == 1;
	}

	/**
	 * Adds a note to a communication's state reason without changing its state (a soft
	 * bounce).
	 */
	public void note(CommunicationId id, String reasonCode, String reason) {
		update("UPDATE communication SET reason_code = ?, state_reason = ?, updated_at = ? WHERE communication_id = ?",
				reasonCode, truncate(reason), now(), id.value());
	}

	/**
	 * The latest communication sent to one of the customers on a channel, to attach a
	 * report that names no communication id.
	 */
	public Optional<Communication> findLatestSent(List<String> customerIds, Channel channel) {
		if (customerIds.isEmpty()) {
			return Optional.empty();
		}
		String marks = customerIds.stream().map(id -> "?").collect(Collectors.joining(", "));
		List<Object> params = new java.util.ArrayList<>(customerIds);
		params.add(channel.name());
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM communication WHERE customer_id IN (" + marks + ") AND channel = ?"
					+ " AND sent_at IS NOT NULL ORDER BY sent_at DESC, communication_id FETCH FIRST 1 ROWS ONLY")
			.params(params)
			.query(ROW_MAPPER)
			.optional();
	}

	/**
	 * The communication a transport's own reference belongs to (a Twilio message SID).
	 */
	public Optional<Communication> findByDeliveryRef(String deliveryRef) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM communication WHERE delivery_ref = ? FETCH FIRST 1 ROWS ONLY")
			.param(deliveryRef)
			.query(ROW_MAPPER)
			.optional();
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

	private static String marketingKinds() {
		return Arrays.stream(DocumentKind.values())
			.filter(kind -> !kind.legallyRequired())
			.map(kind -> "'" + kind.name() + "'")
			.collect(Collectors.joining(", "));
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
