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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.h2.engine.SessionLocal;
import org.h2.index.Cursor;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.db.MVIndex;
import org.h2.mvstore.db.MVSecondaryIndex;
import org.h2.result.Row;
import org.h2.schema.Schema;
import org.h2.table.Table;
import org.h2.value.VersionedValue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Mends the embedded H2 database after a process that had it open was killed, before
 * anything reads it. H2 writes a commit to its file while other transactions write and
 * commit, one table or index at a time; when the process dies in the middle of a commit,
 * the file can hold a table that has the commit and an index of it that does not (H2
 * keeps such an entry, "left over after an unclean shutdown", and reads it as it was
 * before). The ledger then had a communication whose row said {@code RENDERED} while its
 * state index did not: no delivery read it and no count of what waits saw it.
 * <p>
 * A file {@code <database>.in-use} says the database is open; it is removed when the
 * application closes the database. Found at the start, it means the last process died:
 * every table and index is then read for entries a transaction that no longer exists left
 * behind, and each table holding any gets its indexes built again from its rows, which H2
 * reads with those entries taken back. The tables being rebuilt are listed in the file
 * first, so that a process killed while it rebuilds leaves the work to the next start.
 */
@Component
class EmbeddedDatabaseRecovery implements DestructionAwareBeanPostProcessor {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedDatabaseRecovery.class);

	private static final String H2_FILE = "jdbc:h2:file:";

	private static final String REBUILDING = "rebuilding ";

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Path marker = marker(bean);
		if (marker != null) {
			try (Connection connection = ((DataSource) bean).getConnection()) {
				SessionLocal session = session(connection);
				// another pool of this process (a second application context) opened the
				// database first: the file is its own
				if (session != null && !session.getDatabase().isReadOnly()
						&& session.getDatabase().getSessions(false).length == 1) {
					open(marker, session, connection);
				}
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
		if (marker != null) {
			// the application's work has ended: nothing commits any more
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
		if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
				&& pool.getJdbcUrl().startsWith(H2_FILE)) {
			String path = pool.getJdbcUrl().substring(H2_FILE.length()).split(";")[0];
			if (path.startsWith("~")) {
				path = System.getProperty("user.home") + path.substring(1);
			}
			return Path.of(path + ".in-use");
		}
		return null;
	}

	private static @Nullable SessionLocal session(Connection connection) throws SQLException {
		if (connection.isWrapperFor(JdbcConnection.class)
				&& connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
			return session;
		}
		return null;
	}

	/**
	 * Mends the database when the last process left it open, then marks it in use.
	 */
	static void open(Path marker, SessionLocal session, Connection connection) throws SQLException {
		if (Files.exists(marker)) {
			mend(marker, session, connection);
		}
		write(marker, List.of());
	}

	private static void mend(Path marker, SessionLocal session, Connection connection) throws SQLException {
		long started = System.nanoTime();
		logger.info("The database was not closed (the last process stopped): looking for half-written entries");
		Map<String, Long> leftovers = leftovers(session);
		Set<String> tables = new LinkedHashSet<>(read(marker));
		tables.addAll(leftovers.keySet());
		if (tables.isEmpty()) {
			logger.info("The database holds no half-written entries ({} ms)", millis(started));
			return;
		}
		write(marker, List.copyOf(tables));
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			for (String name : tables) {
				Table table = table(session, name);
				if (table != null) {
					takeBack(table);
					rebuildIndexes(session, table);
				}
			}
			connection.commit();
		}
		catch (RuntimeException | SQLException ex) {
			connection.rollback();
			throw new IllegalStateException("The database's indexes could not be rebuilt after the last process "
					+ "stopped; restore the database from its backup (see README, Deploying): " + ex.getMessage(), ex);
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
		if (leftovers.isEmpty()) {
			logger.warn("The last process stopped while it rebuilt the indexes of {}: rebuilt from their rows in {} ms",
					tables, millis(started));
		}
		else {
			logger.warn(
					"The last process stopped in the middle of a commit: {} half-written entries in {} taken "
							+ "back; the indexes of {} rebuilt from their rows in {} ms",
					leftovers.values().stream().mapToLong(Long::longValue).sum(), leftovers.keySet(), tables,
					millis(started));
		}
	}

	/**
	 * How many entries of each table's maps belong to a transaction that no longer
	 * exists: none is open while the application starts.
	 */
	static Map<String, Long> leftovers(SessionLocal session) {
		Map<String, Long> found = new LinkedHashMap<>();
		for (Schema schema : session.getDatabase().getAllSchemas()) {
			for (Table table : schema.getAllTablesAndViews(session)) {
				long count = 0;
				for (MVMap<Object, Object> map : maps(table)) {
					count += leftoverKeys(map).size();
				}
				if (count > 0) {
					found.put(schema.getName() + "." + table.getName(), count);
				}
			}
		}
		return found;
	}

	/**
	 * The maps H2 keeps a table's rows and indexes in, each once (an index on the row key
	 * shares the rows' map).
	 */
	@SuppressWarnings("unchecked")
	private static List<MVMap<Object, Object>> maps(Table table) {
		if (table.isView() || table.getIndexes() == null) {
			return List.of();
		}
		Map<Integer, MVMap<Object, Object>> maps = new LinkedHashMap<>();
		for (var index : table.getIndexes()) {
			if (index instanceof MVIndex<?, ?> stored) {
				maps.putIfAbsent(stored.getMVMap().getId(), (MVMap<Object, Object>) (MVMap<?, ?>) stored.getMVMap());
			}
		}
		return List.copyOf(maps.values());
	}

	private static List<Object> leftoverKeys(MVMap<Object, Object> map) {
		List<Object> keys = new ArrayList<>();
		for (var cursor = map.cursor(null); cursor.hasNext();) {
			Object key = cursor.next();
			if (cursor.getValue() instanceof VersionedValue<?> value && value.getOperationId() != 0) {
				keys.add(key);
			}
		}
		return keys;
	}

	/**
	 * Puts back what each half-written entry of the table held before (H2 reads it so,
	 * but a new transaction that happens to get the dead one's number would read it as
	 * its own).
	 */
	private static void takeBack(Table table) {
		for (MVMap<Object, Object> map : maps(table)) {
			for (Object key : leftoverKeys(map)) {
				VersionedValue<?> leftover = (VersionedValue<?>) map.get(key);
				if (leftover == null || leftover.getOperationId() == 0) {
					continue;
				}
				// a committed row or index entry is its own versioned value (an H2 Value)
				if (leftover.getCommittedValue() instanceof VersionedValue<?> before) {
					map.put(key, before);
				}
				else {
					map.remove(key);
				}
			}
		}
	}

	private static @Nullable Table table(SessionLocal session, String qualifiedName) {
		int dot = qualifiedName.indexOf('.');
		Schema schema = session.getDatabase().findSchema(qualifiedName.substring(0, dot));
		return (schema != null) ? schema.findTableOrView(session, qualifiedName.substring(dot + 1)) : null;
	}

	/**
	 * Empties each index kept apart from the table's rows and adds every row to it again,
	 * in the session's transaction.
	 */
	private static void rebuildIndexes(SessionLocal session, Table table) {
		List<MVSecondaryIndex> indexes = new ArrayList<>();
		for (var index : table.getIndexes()) {
			if (index instanceof MVSecondaryIndex secondary) {
				indexes.add(secondary);
			}
		}
		for (MVSecondaryIndex index : indexes) {
			index.truncate(session);
		}
		Cursor rows = table.getScanIndex(session).find(session, null, null, false);
		while (rows.next()) {
			Row row = rows.get();
			for (MVSecondaryIndex index : indexes) {
				index.add(session, row);
			}
		}
	}

	private static List<String> read(Path marker) {
		try {
			return Files.readAllLines(marker, StandardCharsets.UTF_8)
				.stream()
				.filter(line -> line.startsWith(REBUILDING))
				.map(line -> line.substring(REBUILDING.length()))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + marker, ex);
		}
	}

	private static void write(Path marker, List<String> tables) {
		List<String> lines = new ArrayList<>();
		lines.add("The embedded database is open; a process that finds this file when it starts mends the database.");
		tables.forEach(table -> lines.add(REBUILDING + table));
		Path part = marker.resolveSibling(marker.getFileName() + ".part");
		try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			channel.write(ByteBuffer.wrap((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
			channel.force(true);
			Files.move(part, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + marker, ex);
		}
	}

	private static long millis(long started) {
		return (System.nanoTime() - started) / 1_000_000;
	}

}
