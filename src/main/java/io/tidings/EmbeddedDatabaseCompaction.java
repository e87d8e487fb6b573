package io.tidings;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded H2 database's file near the size of its data while a long run writes
 * to it. Tidings opens H2 with {@code WRITE_DELAY=0}, so that a commit is in the file
 * when it returns and a killed process loses nothing it committed; but H2 then starts
 * none of its background housekeeping, and the pages each commit replaces stay in the
 * file's chunks: a run of a million customers left a 49.5 GB file whose chunks were 7 %
 * live. Every interval this has H2 rewrite the live pages of its mostly dead chunks,
 * oldest first, 4 MiB a pass for up to a quarter of a second, which frees those chunks
 * for new commits, as H2's own housekeeping would. H2 rewrites no chunk younger than its
 * retention time (45 s, so that the file stays readable after a power cut while a chunk
 * is overwritten): the file then stays near its live data plus what the last 45 s of
 * commits wrote, rather than growing with the run.
 */
@Component
class EmbeddedDatabaseCompaction implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedDatabaseCompaction.class);

	/** Below this share of live pages in the chunks, old chunks are rewritten. */
	private static final int TARGET_FILL_RATE = 60;

	/** Live bytes moved a pass at most: a pass holds H2's store lock, commits wait. */
	private static final int BYTES_A_PASS = 4 * 1024 * 1024;

	/** Passes follow each other for up to this long a round. */
	private static final Duration ROUND_TIME = Duration.ofMillis(250);

	private static final Duration REPORT_INTERVAL = Duration.ofMinutes(1);

	private final DataSource dataSource;

	private final boolean embeddedH2;

	private final Duration interval;

	private @Nullable ScheduledExecutorService ticker;

	private volatile @Nullable MVStore store;

	private boolean failed;

	private long lastReport = System.nanoTime();

	@Autowired
	EmbeddedDatabaseCompaction(DataSource dataSource, @Value("${spring.datasource.url:}") String url,
			DatabaseSettings settings) {
		this(dataSource, url, settings.compactionInterval());
	}

	EmbeddedDatabaseCompaction(DataSource dataSource, String url, Duration interval) {
		this.dataSource = dataSource;
		this.embeddedH2 = EmbeddedH2.isFile(url);
		this.interval = interval;
	}

	@Override
	public void start() {
		if (!this.embeddedH2 || this.interval.isZero()) {
			return;
		}
		try {
			this.store = writableStore();
		}
		catch (SQLException ex) {
			logger.warn("Database compaction off: the database's store could not be reached ({})", Failures.place(ex));
		}
		if (this.store == null) {
			return;
		}
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(ApplicationThreads.single("database-compaction"));
		long millis = Math.max(1, this.interval.toMillis());
		executor.scheduleWithFixedDelay(this::compactSafely, millis, millis, TimeUnit.MILLISECONDS);
		this.ticker = executor;
	}

	private void compactSafely() {
		try {
			compact();
		}
		catch (RuntimeException ex) {
			if (!this.failed) {
				this.failed = true;
				logger.warn("Database compaction failed ({}); it goes on trying", Failures.place(ex));
				LoggerFactory.getLogger(TerminalLogFilter.TRACES).warn("Database compaction failed", ex);
			}
		}
	}

	/**
	 * One round: passes of rewriting while the chunks hold less than
	 * {@value #TARGET_FILL_RATE} % live pages and the round's time lasts. Nothing once
	 * the database is closed (the application is stopping).
	 * @return whether any chunk was rewritten
	 */
	boolean compact() {
		MVStore current = this.store;
		if (current == null || current.isClosed()) {
			return false;
		}
		boolean rewritten = false;
		long end = System.nanoTime() + ROUND_TIME.toNanos();
		while (System.nanoTime() < end && current.compact(TARGET_FILL_RATE, BYTES_A_PASS)) {
			rewritten = true;
		}
		if (logger.isDebugEnabled() && System.nanoTime() - this.lastReport > REPORT_INTERVAL.toNanos()) {
			this.lastReport = System.nanoTime();
			report(current);
		}
		return rewritten;
	}

	private void report(MVStore current) {
		Map<String, String> info = new HashMap<>();
		current.populateInfo(info::put);
		logger.debug(
				"Database file {} MB, {} % of it in chunks, {} % of the chunks live; compaction so far: {} ms of"
						+ " processor time",
				Long.parseLong(info.get("info.FILE_SIZE")) / 1_000_000, info.get("info.FILL_RATE"),
				info.get("info.CHUNKS_FILL_RATE"),
				ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000);
	}

	/**
	 * The store behind the pool's connections, when it is an embedded H2 file that may be
	 * written (H2 closes a read-only store whose compaction fails); the connection goes
	 * back at once.
	 */
	private @Nullable MVStore writableStore() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			SessionLocal session = EmbeddedH2.session(connection);
			if (session == null) {
				return null;
			}
			MVStore found = session.getDatabase().getStore().getMvStore();
			return (found.getFileStore() != null && !found.isReadOnly()) ? found : null;
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.ticker;
		if (executor != null) {
			// no interrupt: it would close H2's file channel under a round under way
			executor.shutdown();
			try {
				executor.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.ticker = null;
		this.store = null;
	}

	@Override
	public boolean isRunning() {
		return this.ticker != null;
	}

}
