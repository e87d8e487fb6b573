package io.tidings.schedule;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The console's audit log: who ran, approved, restarted, enabled or disabled which job,
 * who viewed which customer or document, who logged in. Ids and user names only, no
 * personal data.
 */
@Component
public class AuditLog {

	/** User name of what the scheduler does. */
	public static final String SCHEDULER = "scheduler";

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditLog(DataSource dataSource, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.clock = clock;
	}

	/**
	 * Records an action.
	 * @param user who did it
	 * @param action what, e.g. {@code RUN}, {@code VIEW_CUSTOMER}
	 * @param target the campaign, job file, customer or communication id
	 * @param detail more, without personal data
	 */
	public void record(String user, String action, @Nullable String target, @Nullable String detail) {
		this.jdbc.sql("""
				INSERT INTO console_audit (audit_id, occurred_at, username, action, target, detail)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID().toString(), Timestamp.from(this.clock.instant()), truncate(user, 100), action,
					truncate(target, 200), truncate(detail, 2000))
			.update();
	}

	/**
	 * The latest entries, newest first.
	 */
	public List<Entry> latest(int limit) {
		return this.jdbc.sql("""
				SELECT occurred_at, username, action, target, detail FROM console_audit
				ORDER BY occurred_at DESC, audit_id FETCH FIRST %d ROWS ONLY""".formatted(limit))
			.query((rs, n) -> new Entry(rs.getTimestamp("occurred_at").toInstant(), rs.getString("username"),
					rs.getString("action"), rs.getString("target"), rs.getString("detail")))
			.list();
	}

	private static @Nullable String truncate(@Nullable String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

	/**
	 * One audit entry.
	 *
	 * @param occurredAt when
	 * @param user who
	 * @param action what
	 * @param target on what
	 * @param detail more
	 */
	public record Entry(Instant occurredAt, String user, String action, @Nullable String target,
			@Nullable String detail) {
	}

}
