package io.tidings.schedule;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.provider.sql.DatabaseProduct;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.jspecify.annotations.Nullable;

import io.tidings.ApplicationThreads;
import io.tidings.DatabaseDialect;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One lock per campaign in the database (ShedLock's {@code shedlock} table, database
 * time): a run of a campaign holds it from start to end, so the same campaign never runs
 * twice at once, whether started by {@code tidings run}, the scheduler or the console, in
 * this process or in another on the same database. The lock is renewed while the run goes
 * on and freed when it ends or this process shuts down; a process that dies frees it
 * after {@code tidings.scheduler.lock-ttl}, or at once for a process of the same host,
 * which can tell that the holder is gone (so a run killed and started again resumes at
 * once).
 */
@Component
public class CampaignLocks implements DisposableBean {

	private static final Pattern HOLDER = Pattern.compile("pid (\\d+) on (\\S+) \\(started [^,)]+(, [^)]+)?\\)");

	private final ScheduledExecutorService keepAlive = Executors
		.newSingleThreadScheduledExecutor(ApplicationThreads.single("campaign-lock-keep-alive"));

	private final LockProvider locks;

	private final JdbcClient jdbc;

	/**
	 * The zone of the database time ShedLock writes: UTC on PostgreSQL, the session's
	 * (this JVM's) on H2.
	 */
	private final ZoneId databaseZone;

	private final Duration ttl;

	private final String host = host();

	private final @Nullable String processSpace = processSpace();

	private final Set<Lock> held = ConcurrentHashMap.newKeySet();

	CampaignLocks(DataSource dataSource, DatabaseDialect dialect, SchedulerSettings settings) {
		boolean postgreSql = dialect.isPostgreSql();
		this.locks = new KeepAliveLockProvider(
				new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
					.withJdbcTemplate(new JdbcTemplate(dataSource))
					.withLockedByValue(holder(ProcessHandle.current()))
					.withDatabaseProduct(postgreSql ? DatabaseProduct.POSTGRES_SQL : DatabaseProduct.H2)
					.usingDbTime()
					.build()),
				this.keepAlive);
		this.jdbc = JdbcClient.create(dataSource);
		this.databaseZone = postgreSql ? ZoneOffset.UTC : ZoneId.systemDefault();
		this.ttl = settings.lockTtl();
	}

	/**
	 * Takes the campaign's lock, if no one holds it.
	 */
	public Optional<Lock> tryLock(String campaign) {
		Optional<Lock> lock = take(campaign);
		if (lock.isEmpty() && releaseIfHolderDied(campaign)) {
			lock = take(campaign);
		}
		return lock;
	}

	/**
	 * Takes the campaign's lock.
	 * @throws CampaignRunningException when someone holds it, naming who and since when
	 */
	public Lock lock(String campaign) {
		return tryLock(campaign).orElseThrow(() -> new CampaignRunningException(campaign, holder(campaign)));
	}

	private Optional<Lock> take(String campaign) {
		return this.locks.lock(new LockConfiguration(Instant.now(), name(campaign), this.ttl, Duration.ZERO))
			.map((shedLock) -> {
				Lock lock = new Lock(shedLock);
				this.held.add(lock);
				return lock;
			});
	}

	/**
	 * Frees a lock whose holder was a process of this host that is gone (killed, or
	 * crashed): waiting for its time to live would only delay the run that resumes it.
	 */
	private boolean releaseIfHolderDied(String campaign) {
		Optional<Row> row = row(campaign);
		if (row.isEmpty()) {
			return false;
		}
		Matcher holder = HOLDER.matcher(row.get().lockedBy());
		if (!holder.matches() || !holder.group(2).equals(this.host)
				|| !String.valueOf(holder.group(3)).equals(String.valueOf(this.processSpace))) {
			// a process this one cannot see: only the time to live frees its lock
			return false;
		}
		long pid = Long.parseLong(holder.group(1));
		boolean alive = ProcessHandle.of(pid)
			.map((process) -> holder(process).equals(row.get().lockedBy()))
			.orElse(false);
		if (alive) {
			return false;
		}
		// expired rather than deleted: ShedLock, having seen the row, only updates it
		return this.jdbc.sql("UPDATE shedlock SET lock_until = locked_at WHERE name = ? AND locked_by = ?")
			.params(name(campaign), row.get().lockedBy())
			.update() > 0;
	}

	/**
	 * Who holds the campaign's lock and since when, without personal data: the process id
	 * and host of the holder.
	 */
	private String holder(String campaign) {
		return row(campaign).map((row) -> {
			Matcher holder = HOLDER.matcher(row.lockedBy());
			String who = holder.matches() ? "process " + holder.group(1) + " on " + holder.group(2) : row.lockedBy();
			return who + " since "
					+ row.lockedAt().atZone(this.databaseZone).toInstant().truncatedTo(ChronoUnit.SECONDS);
		}).orElse("another process");
	}

	private Optional<Row> row(String campaign) {
		return this.jdbc.sql("SELECT locked_by, locked_at FROM shedlock WHERE name = ?")
			.param(name(campaign))
			.query((rs, n) -> new Row(rs.getString("locked_by"), rs.getTimestamp("locked_at").toLocalDateTime()))
			.optional();
	}

	private static String name(String campaign) {
		String name = "campaign:" + campaign;
		return (name.length() <= 64) ? name : name.substring(0, 64);
	}

	/**
	 * {@code pid 4242 on host-a (started 2026-12-07T09:29:55.120Z, pid:[4026531836])}:
	 * the start time tells a process from a later one that got the same id, the process
	 * id namespace (on Linux) a container from another of the same host name.
	 */
	private String holder(ProcessHandle process) {
		String started = process.info().startInstant().map(Instant::toString).orElse("unknown");
		return "pid " + process.pid() + " on " + this.host + " (started " + started
				+ ((this.processSpace != null) ? this.processSpace : "") + ")";
	}

	private static @Nullable String processSpace() {
		try {
			return ", " + Files.readSymbolicLink(Path.of("/proc/self/ns/pid"));
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return null;
		}
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName().replaceAll("\\s", "");
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

	/**
	 * Frees the locks of the runs this process still holds: a run interrupted by the
	 * shutdown ends with it.
	 */
	@Override
	public void destroy() {
		this.held.forEach(Lock::close);
		this.keepAlive.shutdownNow();
	}

	/**
	 * A campaign's lock held by this process, renewed until closed.
	 */
	public final class Lock implements AutoCloseable {

		private final SimpleLock lock;

		private boolean open = true;

		private Lock(SimpleLock lock) {
			this.lock = lock;
		}

		/**
		 * Frees the lock; closing it again does nothing.
		 */
		@Override
		public synchronized void close() {
			if (this.open) {
				this.open = false;
				CampaignLocks.this.held.remove(this);
				this.lock.unlock();
			}
		}

	}

	private record Row(String lockedBy, LocalDateTime lockedAt) {
	}

}
