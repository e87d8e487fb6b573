package io.tidings.email;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * How far each bounce mailbox has been ingested: the last IMAP UID per mailbox and
 * UIDVALIDITY.
 */
@Repository
class BounceMailboxes {

	private final JdbcClient jdbc;

	private final Clock clock;

	BounceMailboxes(DataSource dataSource, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.clock = clock;
	}

	/** The last UID ingested from the mailbox in this UIDVALIDITY, else 0. */
	long lastUid(String mailbox, long uidValidity) {
		return this.jdbc.sql("SELECT last_uid FROM bounce_mailbox WHERE mailbox = ? AND uid_validity = ?")
			.params(mailbox, uidValidity)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	/** Records that the mailbox was ingested up to this UID. */
	void ingested(String mailbox, long uidValidity, long lastUid) {
		this.jdbc.sql("""
				MERGE INTO bounce_mailbox t
				USING (VALUES (CAST(? AS VARCHAR(500)), CAST(? AS BIGINT))) AS s(mailbox, uid_validity)
				ON t.mailbox = s.mailbox AND t.uid_validity = s.uid_validity
				WHEN MATCHED THEN UPDATE SET last_uid = ?, ingested_at = ?
				WHEN NOT MATCHED THEN INSERT (mailbox, uid_validity, last_uid, ingested_at)
				VALUES (s.mailbox, s.uid_validity, ?, ?)
				""").params(mailbox, uidValidity, lastUid, now(), lastUid, now()).update();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

}
