package io.tidings.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.tidings.outbox.CommunicationRows.utc;

/**
 * What a run holds in the ledger, counted: for its report, its closing line and the
 * progress of a running delivery.
 */
@Repository
public class RunCounts {

	private final JdbcClient jdbc;

	public RunCounts(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * How many of a run's communications are in a state.
	 */
	public long inState(RunRef run, CommunicationState state) {
		return this.jdbc.sql("SELECT COUNT(*) FROM communication WHERE campaign = ? AND run_key = ? AND state = ?")
			.params(run.campaign(), run.runKey(), state.name())
			.query(Long.class)
			.single();
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
			.params(utc(now), run.campaign(), run.runKey())
			.query((rs, n) -> new CommunicationCount(Channel.valueOf(rs.getString("channel")),
					DocumentKind.valueOf(rs.getString("document_kind")), rs.getString("offer_code"),
					rs.getString("value_tier"), CommunicationState.valueOf(rs.getString("state")),
					rs.getInt("deferred") == 1, rs.getString("reason_code"), rs.getString("deferral_code"),
					rs.getLong("total")))
			.list();
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
	 * The communications of a run still waiting to be sent: how many, and when the next
	 * of them that is not due yet becomes due.
	 */
	public Pending pending(RunRef run, Instant now) {
		OffsetDateTime at = utc(now);
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

}
