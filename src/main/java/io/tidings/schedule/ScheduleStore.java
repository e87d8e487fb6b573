package io.tidings.schedule;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import io.tidings.audit.AuditLog;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The scheduler's state of each job file, in the database so that every {@code serve}
 * process sees the same: whether the job is enabled, and the last scheduled time handled.
 */
@Component
public class ScheduleStore {

	private final JdbcClient jdbc;

	private final Clock clock;

	ScheduleStore(DataSource dataSource, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.clock = clock;
	}

	public Optional<State> find(String jobName) {
		return this.jdbc.sql("SELECT enabled, last_fire_at FROM console_schedule WHERE job_name = ?")
			.param(jobName)
			.query((rs, n) -> new State(rs.getBoolean("enabled"),
					(rs.getTimestamp("last_fire_at") != null) ? rs.getTimestamp("last_fire_at").toInstant() : null))
			.optional();
	}

	/**
	 * The state of a job seen for the first time: enabled, with nothing to catch up on
	 * before now.
	 */
	State findOrStart(String jobName, Instant now) {
		Optional<State> state = find(jobName);
		if (state.isPresent()) {
			return state.get();
		}
		try {
			this.jdbc.sql("""
					INSERT INTO console_schedule (job_name, enabled, last_fire_at, updated_at, updated_by)
					VALUES (?, TRUE, ?, ?, ?)""")
				.params(jobName, Timestamp.from(now), Timestamp.from(this.clock.instant()), AuditLog.SCHEDULER)
				.update();
		}
		catch (DuplicateKeyException ex) {
			// another serve process saw it first
		}
		return find(jobName).orElseThrow();
	}

	public void setEnabled(String jobName, boolean enabled, String user) {
		Instant now = this.clock.instant();
		findOrStart(jobName, now);
		// enabling again starts from now: what was scheduled while disabled is not missed
		this.jdbc.sql("""
				UPDATE console_schedule SET enabled = ?, updated_at = ?, updated_by = ?,
				last_fire_at = CASE WHEN ? THEN ? ELSE last_fire_at END WHERE job_name = ?""")
			.params(enabled, Timestamp.from(now), user, enabled, Timestamp.from(now), jobName)
			.update();
	}

	void handled(String jobName, Instant fireTime) {
		this.jdbc.sql("UPDATE console_schedule SET last_fire_at = ?, updated_at = ?, updated_by = ? WHERE job_name = ?")
			.params(Timestamp.from(fireTime), Timestamp.from(this.clock.instant()), AuditLog.SCHEDULER, jobName)
			.update();
	}

	/**
	 * @param enabled whether the scheduler runs the job
	 * @param lastFireAt the last scheduled time handled (run or skipped)
	 */
	public record State(boolean enabled, @Nullable Instant lastFireAt) {
	}

}
