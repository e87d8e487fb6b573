package io.tidings;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How often a SIGKILL leaves H2 entries half-written, and whether the mend makes the
 * indexes agree with the rows again: a child JVM writes as a run does (threads committing
 * batches of rendered documents, threads committing one hand-over and one delivery at a
 * time, compaction, eighty other tables so that a version of the file takes many maps)
 * and is killed at a random moment; the database is then opened, its leftovers counted
 * ({@link H2Leftovers}), the index read against the rows, and the mend run.
 * {@code ./mvnw -Pbench test -Dtest=H2CommitCutShortBenchmark [-Dtidings.bench.kills=100]}.
 */
@Tag("benchmark")
class H2CommitCutShortBenchmark {

	private static final int ROWS = 6_000;

	private static final String[] STATES = { "PLANNED", "RENDERED", "SENT" };

	@TempDir
	Path folder;

	@Test
	void killsInTheMiddleOfCommits() throws Exception {
		int kills = Integer.getInteger("tidings.bench.kills", 100);
		Random random = new Random(Long.getLong("tidings.bench.seed", 17));
		String url = "jdbc:h2:file:" + this.folder.resolve("db") + ";WRITE_DELAY=0";
		createSchema(url);
		int withLeftovers = 0;
		int disagreeing = 0;
		int disagreeingAfterMend = 0;
		for (int kill = 1; kill <= kills; kill++) {
			Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-cp", System.getProperty("java.class.path"), H2CommitCutShortBenchmark.class.getName(), url)
				.inheritIO()
				.start();
			Thread.sleep(1200 + random.nextInt(1500));
			writer.destroyForcibly().waitFor();
			try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
				SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
				H2Leftovers leftovers = new H2Leftovers(session);
				Map<H2Leftovers.TableName, Long> found = leftovers.count();
				String before = disagreement(connection);
				if (!found.isEmpty()) {
					withLeftovers++;
					disagreeing += before.isEmpty() ? 0 : 1;
					connection.setAutoCommit(false);
					found.keySet().forEach(leftovers::mend);
					connection.commit();
					connection.setAutoCommit(true);
					String after = disagreement(connection);
					disagreeingAfterMend += after.isEmpty() ? 0 : 1;
					System.out.printf("kill %d: leftovers %s; index against rows: %s; after the mend: %s%n", kill,
							found, before.isEmpty() ? "agree" : before, after.isEmpty() ? "agree" : after);
				}
				else if (!before.isEmpty()) {
					disagreeing++;
					System.out.printf("kill %d: no leftovers, yet the index disagrees: %s%n", kill, before);
				}
				resetWhenDone(connection);
			}
		}
		System.out.printf(
				"%nH2 commits cut short: %d kills, %d left entries half-written, %d of those (and others)"
						+ " with an index disagreeing with its rows, %d still disagreeing after the mend%n",
				kills, withLeftovers, disagreeing, disagreeingAfterMend);
	}

	/** The writer, in a child JVM of its own, until it is killed. */
	public static void main(String[] args) throws Exception {
		String url = args[0];
		try (Connection keep = DriverManager.getConnection(url, "sa", "")) {
			MVStore store = ((SessionLocal) keep.unwrap(JdbcConnection.class).getSession()).getDatabase()
				.getStore()
				.getMvStore();
			Thread compaction = new Thread(() -> {
				while (!store.isClosed()) {
					long end = System.nanoTime() + 250_000_000L;
					while (System.nanoTime() < end && store.compact(60, 4 << 20)) {
						// passes until the round's time is up
					}
					try {
						Thread.sleep(50);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			});
			compaction.setDaemon(true);
			compaction.start();
			ExecutorService writers = Executors.newFixedThreadPool(5);
			for (int thread = 0; thread < 3; thread++) {
				writers.submit(() -> render(url));
			}
			for (int thread = 0; thread < 2; thread++) {
				writers.submit(() -> deliver(url));
			}
			writers.shutdown();
			writers.awaitTermination(1, TimeUnit.HOURS);
		}
	}

	private static Void render(String url) throws Exception {
		Random random = new Random();
		try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
			connection.setAutoCommit(false);
			while (true) {
				List<String> ids = ids(connection, "PLANNED", 50);
				try (PreparedStatement update = connection.prepareStatement(
						"UPDATE comm SET state = 'RENDERED', payload = ? WHERE id = ? AND state = 'PLANNED'")) {
					for (String id : ids) {
						update.setString(1, "y".repeat(400 + random.nextInt(1000)));
						update.setString(2, id);
						update.addBatch();
					}
					update.executeBatch();
				}
				try (Statement statement = connection.createStatement()) {
					statement.executeUpdate(
							"UPDATE extra" + random.nextInt(80) + " SET b = b + 1, a = '" + random.nextInt(1000) + "'");
				}
				connection.commit();
			}
		}
	}

	private static Void deliver(String url) throws Exception {
		try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
			while (true) {
				for (String id : ids(connection, "RENDERED", 20)) {
					update(connection,
							"UPDATE comm SET handed = CURRENT_TIMESTAMP WHERE id = ? AND state = 'RENDERED' AND handed IS NULL",
							id);
					update(connection, "UPDATE comm SET state = 'SENT' WHERE id = ? AND state = 'RENDERED'", id);
				}
			}
		}
	}

	private static List<String> ids(Connection connection, String state, int limit) throws SQLException {
		List<String> ids = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT id FROM comm WHERE campaign = 'c' AND state = '" + state
						+ "' ORDER BY RAND() LIMIT " + limit)) {
			while (rows.next()) {
				ids.add(rows.getString(1));
			}
		}
		return ids;
	}

	private static void update(Connection connection, String sql, String id) throws SQLException {
		try (PreparedStatement update = connection.prepareStatement(sql)) {
			update.setString(1, id);
			update.executeUpdate();
		}
	}

	private static void createSchema(String url) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE comm (id VARCHAR(40) PRIMARY KEY, campaign VARCHAR(40), state VARCHAR(20),"
					+ " handed TIMESTAMP, payload VARCHAR(4000))");
			statement.execute("CREATE INDEX comm_state ON comm (campaign, state, id)");
			statement.execute("CREATE INDEX comm_handed ON comm (handed)");
			for (int table = 0; table < 80; table++) {
				statement.execute("CREATE TABLE extra" + table + " (id INT PRIMARY KEY, a VARCHAR(100), b INT)");
				statement.execute("CREATE INDEX extra" + table + "_a ON extra" + table + " (a)");
				statement.execute("INSERT INTO extra" + table + " VALUES (1, 'x', 0)");
			}
			statement
				.execute("INSERT INTO comm SELECT 'id-' || X, 'c', 'PLANNED', NULL, REPEAT('x', 500 + MOD(X, 1000))"
						+ " FROM SYSTEM_RANGE(1, " + ROWS + ")");
		}
	}

	/**
	 * Where the state index and the rows count differently, e.g.
	 * {@code RENDERED index 3416
	 * rows 3417}; empty when they agree.
	 */
	private static String disagreement(Connection connection) throws SQLException {
		StringBuilder found = new StringBuilder();
		for (String state : STATES) {
			String where = "WHERE campaign = 'c' AND state = '" + state + "'";
			long index = count(connection, "SELECT COUNT(*) FROM comm " + where);
			long rows = count(connection, "SELECT COUNT(*) FROM comm USE INDEX () " + where);
			if (index != rows) {
				found.append(state).append(" index ").append(index).append(" rows ").append(rows).append(' ');
			}
		}
		return found.toString().strip();
	}

	private static void resetWhenDone(Connection connection) throws SQLException {
		if (count(connection, "SELECT COUNT(*) FROM comm USE INDEX () WHERE state = 'PLANNED'") < 500) {
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("UPDATE comm SET state = 'PLANNED', handed = NULL");
			}
		}
	}

	private static long count(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
