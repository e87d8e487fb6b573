package io.tidings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.zaxxer.hikari.HikariDataSource;
import org.h2.Driver;
import org.h2.engine.SessionLocal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Mends the embedded H2 database after a process that had it open was killed, before
 * anything reads it. H2 writes a version of its file map by map while other transactions
 * go on committing; when the process dies in the middle of a commit, the file can hold a
 * table that has the commit and an index of it that does not (H2 keeps such an entry,
 * "left over after an unclean shutdown", and reads it as it was before). The ledger then
 * had a communication whose row said {@code RENDERED} while its state index did not: no
 * delivery read it and no count of what waits saw it. The mend makes each table agree
 * with its rows; a commit cut short may still hold in one table and not in another, which
 * the stages' own restart rules settle (a hand-over in doubt is not repeated).
 * <p>
 * A file {@code <database>.in-use} says the database is open; it is removed once the
 * application has closed the database. Found at the start, it means the last process
 * died: before the pool opens, {@link H2Leftovers} looks for such entries, and the tables
 * that hold any get them put back and their indexes built again from their rows (as H2's
 * {@code CREATE INDEX} builds one). The tables being rebuilt are listed in the file
 * first, so that a process killed while it rebuilds leaves the work to the next start.
 */
@Component
class EmbeddedDatabaseRecovery implements DestructionAwareBeanPostProcessor {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedDatabaseRecovery.class);

	private static final String REBUILDING = "rebuilding ";

	/**
	 * The pools whose in-use file this process wrote: another context's on the file has
	 * none.
	 */
	private final Set<HikariDataSource> owners = ConcurrentHashMap.newKeySet();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Path marker = marker(bean);
		if (marker != null) {
			HikariDataSource pool = (HikariDataSource) bean;
			// a connection of its own, before the pool's: the pool opens more at once
			Properties credentials = new Properties();
			credentials.put("user", (pool.getUsername() != null) ? pool.getUsername() : "");
			credentials.put("password", (pool.getPassword() != null) ? pool.getPassword() : "");
			try (Connection connection = new Driver().connect(pool.getJdbcUrl(), credentials)) {
				SessionLocal session = EmbeddedH2.session(connection);
				if (session == null || session.getDatabase().isReadOnly()) {
					return bean;
				}
				if (session.getDatabase().getSessions(false).length > 1) {
					logger.debug("The database {} is open in this process already: not checked", marker);
					return bean;
				}
				if (Files.exists(marker)) {
					mend(marker, session);
				}
				write(marker, List.of());
				this.owners.add(pool);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot open the database to check it: " + ex.getMessage(), ex);
			}
		}
		return bean;
	}

	@Override
	public void postProcessBeforeDestruction(Object bean, String beanName) {
		Path marker = marker(bean);
		if (marker != null && this.owners.remove(bean)) {
			// closed first, so that the file goes only once nothing can commit
			((HikariDataSource) bean).close();
			try {
				Files.deleteIfExists(marker);
			}
			catch (IOException ex) {
				logger.warn("Cannot remove {}: the next start checks the database ({})", marker, Failures.place(ex));
			}
		}
	}

	@Override
	public boolean requiresDestruction(Object bean) {
		return marker(bean) != null;
	}

	/**
	 * The in-use file of an embedded H2 file database's pool, or null for any other bean.
	 */
	private static @Nullable Path marker(Object bean) {
		if (bean instanceof HikariDataSource pool && EmbeddedH2.isFile(pool.getJdbcUrl())) {
			Path database = EmbeddedH2.path(pool.getJdbcUrl());
			return database.resolveSibling(database.getFileName() + ".in-use");
		}
		return null;
	}

	private static void mend(Path marker, SessionLocal session) {
		long started = System.nanoTime();
		logger.info("The database was not closed (the last process stopped): looking for half-written entries");
		H2Leftovers leftovers = new H2Leftovers(session);
		Map<H2Leftovers.TableName, Long> found = leftovers.count();
		Set<H2Leftovers.TableName> tables = new LinkedHashSet<>(read(marker));
		tables.addAll(found.keySet());
		if (tables.isEmpty()) {
			logger.info("The database holds no half-written entries ({} ms)", millis(started));
			return;
		}
		write(marker, List.copyOf(tables));
		List<H2Leftovers.TableName> rebuilt;
		try {
			rebuilt = tables.stream().filter(leftovers::mend).toList();
			// on disk before the in-use file stops listing the tables (a power cut)
			session.getDatabase().getStore().getMvStore().commit();
			session.getDatabase().getStore().getMvStore().sync();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("The database's indexes could not be rebuilt after the last process "
					+ "stopped; restore the database from its backup (see README, Deploying): " + ex.getMessage(), ex);
		}
		if (found.isEmpty() && rebuilt.isEmpty()) {
			logger.info("The database holds no half-written entries and no table left to rebuild ({} ms)",
					millis(started));
		}
		else if (found.isEmpty()) {
			logger.warn("The last process stopped while it rebuilt the indexes of {}: rebuilt from their rows in {} ms",
					rebuilt, millis(started));
		}
		else {
			logger.warn(
					"The last process stopped in the middle of a commit: {} half-written entries in {} put "
							+ "back; the indexes of {} rebuilt from their rows in {} ms",
					found.values().stream().mapToLong(Long::longValue).sum(), found.keySet(), rebuilt, millis(started));
		}
	}

	private static List<H2Leftovers.TableName> read(Path marker) {
		try {
			return Files.readAllLines(marker, StandardCharsets.UTF_8)
				.stream()
				.filter(line -> line.startsWith(REBUILDING))
				.map(line -> H2Leftovers.TableName.parse(line.substring(REBUILDING.length())))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + marker, ex);
		}
	}

	/**
	 * Writes the in-use file whole or not at all, forced to disk with its folder's entry:
	 * a power cut must not lose it.
	 */
	private static void write(Path marker, List<H2Leftovers.TableName> tables) {
		List<String> lines = new ArrayList<>();
		lines.add("The embedded database is open; a process that finds this file when it starts mends the database.");
		tables.forEach(table -> lines.add(REBUILDING + table.text()));
		Path part = marker.resolveSibling(marker.getFileName() + ".part");
		try {
			Files.deleteIfExists(part);
			try (FileChannel channel = FileChannel.open(part,
					Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OwnerOnly.file(part))) {
				channel.write(ByteBuffer.wrap((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
				channel.force(true);
			}
			Files.move(part, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			forceFolder(marker.toAbsolutePath().getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + marker, ex);
		}
	}

	private static void forceFolder(Path folder) {
		try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// not every system opens a folder (Windows): the move is all there is
		}
	}

	private static long millis(long started) {
		return (System.nanoTime() - started) / 1_000_000;
	}

}
