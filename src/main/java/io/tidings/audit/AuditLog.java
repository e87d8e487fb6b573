package io.tidings.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log: who did or viewed what. Ids and user names only, except the terms of a
 * customer search, which are personal data and stay in the database (never in a log
 * file). Entries are appended, never changed: each is chained to the one before by its
 * hash (see {@link AuditChain}), in a transaction of its own, so that an entry is kept
 * even when what it records fails, and several processes sharing the database append to
 * one chain.
 */
@Component
public class AuditLog {

	/** User name of what the scheduler does. */
	public static final String SCHEDULER = "scheduler";

	private static final int ATTEMPTS = 50;

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	AuditLog(DataSource dataSource, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.ownTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
		append(user, action, target, detail, null);
	}

	/**
	 * Records a customer search with its terms.
	 * @param user who searched
	 * @param terms what was searched for (personal data: kept in the audit table only)
	 */
	public void searched(String user, String terms) {
		append(user, "SEARCH_CUSTOMERS", null, null, terms);
	}

	private synchronized void append(String user, String action, @Nullable String target, @Nullable String detail,
			@Nullable String terms) {
		String who = truncate(user, 100);
		String where = truncate(target, 200);
		String what = truncate(detail, 2000);
		String searched = truncate(terms, 1000);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		for (int attempt = 1;; attempt++) {
			try {
				this.ownTransaction.executeWithoutResult((status) -> {
					Last last = this.jdbc.sql("""
							SELECT seq, entry_hash FROM console_audit
							WHERE seq = (SELECT MAX(seq) FROM console_audit)""")
						.query((rs, n) -> new Last(rs.getLong("seq"), rs.getString("entry_hash")))
						.optional()
						.orElse(new Last(0, AuditChain.GENESIS));
					long seq = last.seq() + 1;
					this.jdbc.sql("""
							INSERT INTO console_audit (audit_id, seq, occurred_at, username, action, target, detail,
							terms, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
						.params(UUID.randomUUID().toString(), seq, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), who,
								action, where, what, searched,
								AuditChain.hash(last.hash(), seq, now, who, action, where, what, searched))
						.update();
				});
				return;
			}
			catch (DuplicateKeyException ex) {
				// another process appended the same sequence number first: chain to its
				// entry
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	/**
	 * The latest entries, newest first.
	 */
	public List<Entry> latest(int limit) {
		return this.jdbc.sql("""
				SELECT seq, occurred_at, username, action, target, detail, terms, entry_hash FROM console_audit
				ORDER BY occurred_at DESC, seq DESC FETCH FIRST %d ROWS ONLY""".formatted(limit))
			.query((rs, n) -> entry(rs))
			.list();
	}

	/**
	 * Entries in the order they were appended (those from before the chain first), from a
	 * time on.
	 * @param since the earliest time to include
	 * @param each given every entry in turn, as it is read
	 */
	public void forEachSince(Instant since, Consumer<Entry> each) {
		this.jdbc.sql("""
				SELECT seq, occurred_at, username, action, target, detail, terms, entry_hash FROM console_audit
				WHERE occurred_at >= ? ORDER BY seq NULLS FIRST, occurred_at, audit_id""")
			.params(OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
			.query((RowCallbackHandler) (rs) -> each.accept(entry(rs)));
	}

	/**
	 * Checks the chain from its first entry to its last.
	 * @return how many entries were checked, and the first broken link if any
	 */
	public Verification verify() {
		ChainCheck check = new ChainCheck();
		this.jdbc.sql("""
				SELECT seq, occurred_at, username, action, target, detail, terms, entry_hash FROM console_audit
				WHERE seq IS NOT NULL ORDER BY seq""").query((RowCallbackHandler) (rs) -> check.next(entry(rs)));
		long unchained = this.jdbc.sql("SELECT COUNT(*) FROM console_audit WHERE seq IS NULL")
			.query(Long.class)
			.single();
		if (check.broken() == null && check.firstAt() != null) {
			long inserted = this.jdbc.sql("SELECT COUNT(*) FROM console_audit WHERE seq IS NULL AND occurred_at >= ?")
				.params(OffsetDateTime.ofInstant(check.firstAt(), ZoneOffset.UTC))
				.query(Long.class)
				.single();
			if (inserted > 0) {
				return new Verification(check.checked(), unchained, null, inserted
						+ " entry(ies) outside the chain dated after its first entry: added behind the log's back");
			}
		}
		return new Verification(check.checked(), unchained, check.brokenAt(), check.broken());
	}

	private static Entry entry(ResultSet rs) throws SQLException {
		long seq = rs.getLong("seq");
		return new Entry(rs.wasNull() ? null : seq, rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				rs.getString("username"), rs.getString("action"), rs.getString("target"), rs.getString("detail"),
				rs.getString("terms"), rs.getString("entry_hash"));
	}

	private static @Nullable String truncate(@Nullable String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

	private record Last(long seq, String hash) {
	}

	/**
	 * One audit entry.
	 *
	 * @param seq its place in the chain; null for entries from before the chain
	 * @param occurredAt when
	 * @param user who
	 * @param action what
	 * @param target on what
	 * @param detail more
	 * @param terms the terms of a customer search (personal data)
	 * @param hash SHA-256 of the previous entry's hash and this entry's content
	 */
	public record Entry(@Nullable Long seq, Instant occurredAt, String user, String action, @Nullable String target,
			@Nullable String detail, @Nullable String terms, @Nullable String hash) {
	}

	/**
	 * What checking the chain found.
	 *
	 * @param checked entries of the chain checked
	 * @param unchained entries from before the chain, which it does not cover
	 * @param brokenAt sequence number of the first entry whose link is broken
	 * @param broken what is wrong there; null when the chain holds
	 */
	public record Verification(long checked, long unchained, @Nullable Long brokenAt, @Nullable String broken) {

		public boolean intact() {
			return this.broken == null;
		}

	}

	/** Walks the chain entry by entry, stopping at the first broken link. */
	private static final class ChainCheck {

		private long checked;

		private long expectedSeq = 1;

		private String previousHash = AuditChain.GENESIS;

		private @Nullable Instant firstAt;

		private @Nullable Long brokenAt;

		private @Nullable String broken;

		void next(Entry entry) {
			if (this.broken != null) {
				return;
			}
			long seq = Objects.requireNonNull(entry.seq());
			if (this.firstAt == null) {
				this.firstAt = entry.occurredAt();
			}
			if (seq != this.expectedSeq) {
				this.brokenAt = seq;
				this.broken = "entry " + seq + " follows entry " + (this.expectedSeq - 1) + ": "
						+ ((seq - 1 > this.expectedSeq) ? "entries " + this.expectedSeq + " to " + (seq - 1) + " are"
								: "entry " + this.expectedSeq + " is")
						+ " missing";
				return;
			}
			String expected = AuditChain.hash(this.previousHash, seq, entry.occurredAt(), entry.user(), entry.action(),
					entry.target(), entry.detail(), entry.terms());
			if (!expected.equals(entry.hash())) {
				this.brokenAt = seq;
				this.broken = "entry " + seq + " (" + entry.action() + " by " + entry.user() + " at "
						+ entry.occurredAt() + ") does not match its hash: it, or the entry before it, was changed";
				return;
			}
			this.checked++;
			this.previousHash = expected;
			this.expectedSeq = seq + 1;
		}

		long checked() {
			return this.checked;
		}

		@Nullable Instant firstAt() {
			return this.firstAt;
		}

		@Nullable Long brokenAt() {
			return this.brokenAt;
		}

		@Nullable String broken() {
			return this.broken;
		}

	}

}
