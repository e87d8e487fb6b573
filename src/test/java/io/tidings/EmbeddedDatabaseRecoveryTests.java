package io.tidings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.db.MVIndex;
import org.h2.table.Table;
import org.h2.value.VersionedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database reopened after a process died in the middle of a commit: the
 * ledger's row says {@code RENDERED} while the entry of its state index is one a
 * transaction that no longer exists left half-written, which H2 reads as absent (what a
 * random-kill run of the packaged jar left: an email no delivery read).
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseRecoveryTests {

	private static final String RENDERED = "SELECT COUNT(*) FROM communication WHERE state = 'RENDERED'";

	private static final String PLANNED = "SELECT COUNT(*) FROM communication WHERE state = 'PLANNED'";

	@TempDir
	Path folder;

	private final EmbeddedDatabaseRecovery recovery = new EmbeddedDatabaseRecovery();

	@Test
	void shouldTakeBackHalfWrittenEntriesAndRebuildTheirTablesIndexesWhenTheLastProcessDied() throws Exception {
		// given a database whose last process died with a state index entry half-written
		Path marker = this.folder.resolve("db/tidings.in-use");
		try (HikariDataSource pool = pool()) {
			this.recovery.postProcessAfterInitialization(pool, "dataSource");
			assertThat(marker).exists();
			createLedger(pool);
			halfWriteTheRenderedEntry(pool, "c-2");
			try (Connection connection = pool.getConnection()) {
				assertThat(count(connection, RENDERED)).as("rendered, read through the state index").isZero();
				assertThat(count(connection, PLANNED)).as("planned, read through the state index").isEqualTo(3);
				assertThat(count(connection, RENDERED.replace("WHERE", "USE INDEX () WHERE"))).isOne();
			}
			// the process dies: nothing removes the in-use file
		}
		// when the next process opens it
		try (HikariDataSource pool = pool()) {
			this.recovery.postProcessAfterInitialization(pool, "dataSource");
			// then
			try (Connection connection = pool.getConnection()) {
				assertThat(count(connection, RENDERED)).isOne();
				assertThat(count(connection, "SELECT COUNT(*) FROM communication WHERE state = 'PLANNED'"))
					.isEqualTo(2);
				assertThat(count(connection, "SELECT COUNT(*) FROM communication WHERE communication_id = 'c-2'"))
					.isOne();
				assertThat(new H2Leftovers(session(connection)).count()).isEmpty();
			}
			assertThat(Files.readString(marker)).doesNotContain("rebuilding");
			// and a clean close leaves no in-use file
			this.recovery.postProcessBeforeDestruction(pool, "dataSource");
		}
		assertThat(marker).doesNotExist();
	}

	@Test
	void shouldRebuildTheIndexesOfTablesThatAKilledRebuildLeftListed() throws Exception {
		// given a rebuild killed after it emptied the ledger's indexes and added one row
		// again (H2 itself rebuilds an index it finds empty)
		Path marker = this.folder.resolve("db/tidings.in-use");
		try (HikariDataSource pool = pool()) {
			this.recovery.postProcessAfterInitialization(pool, "dataSource");
			createLedger(pool);
			try (Connection connection = pool.getConnection()) {
				for (MVMap<Object, Object> map : secondaryMaps(session(connection))) {
					Object firstKey = map.firstKey();
					Object firstEntry = map.get(firstKey);
					map.clear();
					map.put(firstKey, firstEntry);
				}
				session(connection).getDatabase().getStore().getMvStore().commit();
				assertThat(count(connection, "SELECT COUNT(*) FROM communication WHERE state = 'PLANNED'")).isOne();
			}
			Files.writeString(marker, "The embedded database is open\nrebuilding PUBLIC\tCOMMUNICATION\n");
		}
		// when
		try (HikariDataSource pool = pool()) {
			this.recovery.postProcessAfterInitialization(pool, "dataSource");
			// then
			try (Connection connection = pool.getConnection()) {
				assertThat(count(connection, "SELECT COUNT(*) FROM communication WHERE state = 'PLANNED'"))
					.isEqualTo(3);
				assertThat(count(connection, "SELECT COUNT(*) FROM communication WHERE communication_id = 'c-3'"))
					.isOne();
			}
			this.recovery.postProcessBeforeDestruction(pool, "dataSource");
		}
	}

	@Test
	void shouldPassOverATableTheInUseFileListsThatTheDatabaseNoLongerHas(CapturedOutput output) throws Exception {
		Path marker = this.folder.resolve("db/tidings.in-use");
		try (HikariDataSource pool = pool()) {
			this.recovery.postProcessAfterInitialization(pool, "dataSource");
			createLedger(pool);
			Files.writeString(marker, "The embedded database is open\nrebuilding PUBLIC\tDROPPED_SINCE\n"
					+ "rebuilding PUBLIC\tCOMMUNICATION\n");
		}
		try (HikariDataSource pool = pool()) {
			this.recovery.postProcessAfterInitialization(pool, "dataSource");
			try (Connection connection = pool.getConnection()) {
				assertThat(count(connection, PLANNED)).isEqualTo(3);
			}
			assertThat(Files.readString(marker)).doesNotContain("rebuilding");
			this.recovery.postProcessBeforeDestruction(pool, "dataSource");
		}
		assertThat(output).contains("rebuilt the indexes of [PUBLIC.COMMUNICATION]").doesNotContain("DROPPED_SINCE");
	}

	@Test
	void shouldLeaveTheFileToThePoolThatOpenedTheDatabaseFirst() throws Exception {
		Path marker = this.folder.resolve("db/tidings.in-use");
		try (HikariDataSource first = pool()) {
			this.recovery.postProcessAfterInitialization(first, "dataSource");
			try (Connection held = first.getConnection()) {
				// a second application context of the same process on the same file
				try (HikariDataSource second = pool()) {
					this.recovery.postProcessAfterInitialization(second, "dataSource");
					this.recovery.postProcessBeforeDestruction(second, "dataSource");
				}
				assertThat(marker).exists();
				assertThat(count(held, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SCHEMATA")).isPositive();
			}
			this.recovery.postProcessBeforeDestruction(first, "dataSource");
		}
		assertThat(marker).doesNotExist();
	}

	@Test
	void shouldLeaveAnInMemoryDatabaseAlone() {
		try (HikariDataSource memory = new HikariDataSource()) {
			memory.setJdbcUrl("jdbc:h2:mem:recovery");
			assertThat(this.recovery.requiresDestruction(memory)).isFalse();
			assertThat(this.recovery.postProcessAfterInitialization(memory, "dataSource")).isSameAs(memory);
			assertThat(memory.isRunning()).as("no connection opened").isFalse();
		}
	}

	private HikariDataSource pool() {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl("jdbc:h2:file:" + this.folder.resolve("db/tidings") + ";WRITE_DELAY=0");
		pool.setUsername("sa");
		pool.setMaximumPoolSize(6);
		return pool;
	}

	private static void createLedger(HikariDataSource pool) throws SQLException {
		try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE communication (communication_id VARCHAR(40) PRIMARY KEY,"
					+ " state VARCHAR(20) NOT NULL, handed_over_at TIMESTAMP)");
			statement.execute("CREATE INDEX communication_state_idx ON communication (state, communication_id)");
			statement.execute("CREATE TABLE other (id INT PRIMARY KEY, note VARCHAR(20))");
			statement.execute("INSERT INTO communication VALUES ('c-1', 'PLANNED', NULL), ('c-2', 'PLANNED', NULL),"
					+ " ('c-3', 'PLANNED', NULL)");
			statement.execute("INSERT INTO other VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
		}
	}

	/**
	 * The row committed as rendered, its state index entries (the new one added, the old
	 * one removed) as a transaction that ended without committing left them: H2's file
	 * after a commit cut short.
	 */
	private static void halfWriteTheRenderedEntry(HikariDataSource pool, String id) throws SQLException {
		// three other transactions open, so that the half-writing one's number is not
		// the one the next lone transaction gets
		List<Connection> others = new ArrayList<>();
		try {
			for (int other = 1; other <= 3; other++) {
				Connection connection = pool.getConnection();
				connection.setAutoCommit(false);
				connection.createStatement().executeUpdate("UPDATE other SET note = 'x' WHERE id = " + other);
				others.add(connection);
			}
			Map.Entry<Object, Object> added;
			Map.Entry<Object, Object> removed;
			try (Connection dying = pool.getConnection()) {
				dying.setAutoCommit(false);
				dying.createStatement()
					.executeUpdate("UPDATE communication SET state = 'RENDERED' WHERE communication_id = '" + id + "'");
				added = uncommittedEntry(stateIndex(session(dying)), "RENDERED");
				removed = uncommittedEntry(stateIndex(session(dying)), "PLANNED");
				dying.rollback();
			}
			for (Connection other : others) {
				other.rollback();
			}
			try (Connection committing = pool.getConnection()) {
				committing.createStatement()
					.executeUpdate("UPDATE communication SET state = 'RENDERED' WHERE communication_id = '" + id + "'");
				stateIndex(session(committing)).put(added.getKey(), added.getValue());
				stateIndex(session(committing)).put(removed.getKey(), removed.getValue());
			}
		}
		finally {
			for (Connection other : others) {
				other.close();
			}
		}
	}

	private static Map.Entry<Object, Object> uncommittedEntry(MVMap<Object, Object> map, String containing) {
		for (var cursor = map.cursor(null); cursor.hasNext();) {
			Object key = cursor.next();
			if (cursor.getValue() instanceof VersionedValue<?> value && value.getOperationId() != 0
					&& key.toString().contains(containing)) {
				return Map.entry(key, value);
			}
		}
		throw new AssertionError("no uncommitted entry holding " + containing);
	}

	private static MVMap<Object, Object> stateIndex(SessionLocal session) {
		return map(ledger(session), "COMMUNICATION_STATE_IDX");
	}

	private static List<MVMap<Object, Object>> secondaryMaps(SessionLocal session) {
		Table ledger = ledger(session);
		return ledger.getIndexes()
			.stream()
			.filter(index -> index instanceof org.h2.mvstore.db.MVSecondaryIndex)
			.map(index -> map(ledger, index.getName()))
			.toList();
	}

	@SuppressWarnings("unchecked")
	private static MVMap<Object, Object> map(Table table, String indexName) {
		MVIndex<?, ?> index = (MVIndex<?, ?>) table.getIndexes()
			.stream()
			.filter(candidate -> candidate.getName().equals(indexName))
			.findFirst()
			.orElseThrow();
		return (MVMap<Object, Object>) (MVMap<?, ?>) index.getMVMap();
	}

	private static Table ledger(SessionLocal session) {
		return session.getDatabase().getSchema("PUBLIC").findTableOrView(session, "COMMUNICATION");
	}

	private static SessionLocal session(Connection connection) throws SQLException {
		return (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
	}

	private static long count(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
