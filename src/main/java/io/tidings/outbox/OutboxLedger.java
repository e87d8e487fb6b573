package io.tidings.outbox;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import javax.sql.DataSource;

import io.tidings.DatabaseDialect;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.stereotype.Repository;

import static io.tidings.outbox.CommunicationRows.utc;

/**
 * The outbox ledger, the one writer of communication state: stores every planned
 * communication before anything is sent and moves it through its states. Planning is
 * idempotent on (run, customer, document kind), so re-planning after a crash never adds a
 * second communication. {@link Communications}, {@link CommunicationReaders},
 * {@link ContactHistory} and {@link RunCounts} read what it wrote.
 */
@Repository
public class OutboxLedger {

	private static final String IN_DOUBT = """
			UPDATE communication SET state = 'SENT', reason_code = 'in-doubt', state_reason = ?,
			sent_at = COALESCE(handed_over_at, ?), updated_at = ? \
			""";

	private final JdbcTemplate jdbcTemplate;

	private final Clock clock;

	private final String addPlan;

	public OutboxLedger(DataSource dataSource, DatabaseDialect dialect, Clock clock) {
		this.jdbcTemplate = new JdbcTemplate(dataSource);
		this.clock = clock;
		this.addPlan = dialect.insertUnlessPresent("communication",
				List.of("campaign VARCHAR(100)", "run_key VARCHAR(40)", "customer_id VARCHAR(64)",
						"document_kind VARCHAR(20)"),
				List.of("communication_id", "channel", "offer_code", "template", "decision_reason", "state",
						"state_reason", "planned_at", "updated_at", "reason_code", "value_tier", "expected_value",
						"variant", "model_version", "template_version"));
	}

	/**
	 * Records planned communications; a plan already in the ledger for the same run,
	 * customer and document kind is left as it is.
	 */
	public void plan(List<CommunicationPlan> plans) {
		OffsetDateTime now = now();
		this.jdbcTemplate.batchUpdate(this.addPlan, plans, plans.size(), (ps, plan) -> {
			ps.setString(1, plan.run().campaign());
			ps.setString(2, plan.run().runKey());
			ps.setString(3, plan.customerId());
			ps.setString(4, plan.kind().name());
			ps.setString(5, plan.id().value());
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

	/**
	 * Records when a planned communication drops, and why not earlier.
	 */
	public void schedule(CommunicationId id, LocalDate dropDate, @Nullable Instant notBefore,
			@Nullable String deferralCode, @Nullable String deferralReason) {
		schedule(List.of(new Drop(id, dropDate, notBefore, deferralCode, deferralReason)));
	}

	/**
	 * Records when planned communications drop, in one batch.
	 */
	public void schedule(List<Drop> drops) {
		if (drops.isEmpty()) {
			return;
		}
		OffsetDateTime now = now();
		this.jdbcTemplate.batchUpdate("""
				UPDATE communication SET drop_date = ?, not_before = ?, deferral_code = ?, deferral_reason = ?,
				updated_at = ? WHERE communication_id = ? AND state IN ('PLANNED', 'RENDERED')
				""", drops, drops.size(), (ps, drop) -> {
			ps.setObject(1, drop.dropDate());
			nullable(ps, 2, (drop.notBefore() != null) ? utc(drop.notBefore()) : null);
			ps.setString(3, drop.deferralCode());
			ps.setString(4, truncate(drop.deferralReason()));
			ps.setObject(5, now);
			ps.setString(6, drop.id().value());
		});
	}

	/**
	 * Takes a communication that has not been sent out of delivery for good, with the
	 * reason (an opt-out received after it was planned, a frequency cap, capacity).
	 */
	public void markSuppressed(CommunicationId id, String reasonCode, String reason) {
		markSuppressed(List.of(new Suppression(id, reasonCode, reason)));
	}

	/**
	 * Like {@link #markSuppressed(CommunicationId, String, String)}, for several
	 * communications in one batch.
	 */
	public void markSuppressed(List<Suppression> suppressions) {
		if (suppressions.isEmpty()) {
			return;
		}
		OffsetDateTime now = now();
		this.jdbcTemplate.batchUpdate("""
				UPDATE communication SET state = 'SUPPRESSED', reason_code = ?, state_reason = ?, updated_at = ?
				WHERE communication_id = ? AND state IN ('PLANNED', 'RENDERED')
				""", suppressions, suppressions.size(), (ps, suppression) -> {
			ps.setString(1, suppression.reasonCode());
			ps.setString(2, truncate(suppression.reason()));
			ps.setObject(3, now);
			ps.setString(4, suppression.id().value());
		});
	}

	/**
	 * Records rendered documents, in one batch (a chunk of the render stage).
	 */
	public void markRendered(List<Rendering> renderings) {
		if (renderings.isEmpty()) {
			return;
		}
		OffsetDateTime now = now();
		this.jdbcTemplate.batchUpdate("""
				UPDATE communication SET state = 'RENDERED', archive_path = ?, content_sha256 = ?, page_count = ?,
				rendered_at = ?, updated_at = ? WHERE communication_id = ? AND state = 'PLANNED'
				""", renderings, renderings.size(), (ps, rendering) -> {
			ps.setString(1, rendering.archivePath());
			ps.setString(2, rendering.sha256());
			nullable(ps, 3, rendering.pageCount());
			ps.setObject(4, now);
			ps.setObject(5, now);
			ps.setString(6, rendering.id().value());
		});
	}

	/**
	 * Records what became of many communications, in one batch (the documents of a print
	 * stream), as {@link #markDelivered(CommunicationId, DeliveryResult)} does for one.
	 */
	public void markDelivered(List<Delivered> deliveries) {
		if (deliveries.isEmpty()) {
			return;
		}
		OffsetDateTime now = now();
		this.jdbcTemplate.batchUpdate("""
				UPDATE communication SET state = ?, delivery_ref = ?, sent_at = ?, updated_at = ?
				WHERE communication_id = ? AND state = 'RENDERED'
				""", deliveries, deliveries.size(), (ps, delivered) -> {
			ps.setString(1, delivered.result().state().name());
			ps.setString(2, truncate(delivered.result().deliveryRef()));
			ps.setObject(3, now);
			ps.setObject(4, now);
			ps.setString(5, delivered.id().value());
		});
	}

	public void markDelivered(CommunicationId id, DeliveryResult result) {
		markDelivered(List.of(new Delivered(id, result)));
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
	 * Like {@link #settleInDoubt(RunRef)}, for the customers of one partition only: the
	 * other partitions may be handing their communications over at this moment.
	 */
	public int settleInDoubt(RunRef run, CustomerRange customers) {
		return this.jdbcTemplate.update(
				IN_DOUBT + "WHERE campaign = ? AND run_key = ? AND state = 'RENDERED' "
						+ "AND handed_over_at IS NOT NULL AND customer_id BETWEEN ? AND ?",
				"handed to the transport by a run that stopped before the answer "
						+ "was recorded; not handed over again",
				now(), now(), run.campaign(), run.runKey(), customers.first(), customers.last());
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
	 * Records that the recipient of a sent email reported it as spam, with the reason.
	 * @return whether its state changed
	 */
	public boolean markComplained(CommunicationId id, String reason) {
		return this.jdbcTemplate.update("""
				UPDATE communication SET state = 'COMPLAINED', reason_code = 'complaint', state_reason = ?,
				updated_at = ? WHERE communication_id = ? AND state IN ('SENT', 'DELIVERED', 'RESPONDED')
				""", truncate(reason), now(), id.value()) == 1;
	}

	public void markResponded(CommunicationId id) {
		update("""
				UPDATE communication SET state = 'RESPONDED', updated_at = ?
				WHERE communication_id = ? AND state IN ('SENT', 'PRINTED', 'DELIVERED')
				""", now(), id.value());
	}

	/**
	 * Sets a parameter that may be null as {@link JdbcTemplate#update(String, Object...)}
	 * does.
	 */
	private static void nullable(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
		StatementCreatorUtils.setParameterValue(ps, index, SqlTypeValue.TYPE_UNKNOWN, value);
	}

	private void update(String sql, @Nullable Object... args) {
		this.jdbcTemplate.update(sql, args);
	}

	private OffsetDateTime now() {
		return utc(this.clock.instant());
	}

	private static @Nullable String truncate(@Nullable String text) {
		return (text != null && text.length() > 2000) ? text.substring(0, 1997) + "..." : text;
	}

	/**
	 * When a planned communication drops, and why not earlier.
	 */
	public record Drop(CommunicationId id, LocalDate dropDate, @Nullable Instant notBefore,
			@Nullable String deferralCode, @Nullable String deferralReason) {
	}

	/**
	 * Why a communication is taken out of delivery for good.
	 */
	public record Suppression(CommunicationId id, String reasonCode, String reason) {
	}

	/**
	 * A communication's document, rendered and archived.
	 *
	 * @param archivePath where the document is, relative to the archive
	 * @param pageCount pages of a print document
	 */
	public record Rendering(CommunicationId id, String archivePath, String sha256, @Nullable Integer pageCount) {
	}

	/**
	 * What became of a communication a transport took.
	 */
	public record Delivered(CommunicationId id, DeliveryResult result) {
	}

}
