package io.tidings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database as Tidings opens it ({@code WRITE_DELAY=0}: every commit on disk
 * when it returns), under a run's many small commits that replace its pages: without
 * compaction its chunks fill with replaced pages and the file grows with every commit;
 * with a round of compaction now and then the chunks stay mostly live and the file stops
 * growing.
 */
class EmbeddedDatabaseCompactionTests {

	private static final int ROUNDS = 8;

	private static final int CUSTOMERS_A_ROUND = 2_000;

	@TempDir
	Path folder;

	@Test
	void shouldKeepTheFileNearItsDataWhileCommitsReplaceIt() throws Exception {
		// given two databases under the same commits, one compacted between rounds
		Workload plain = Workload.open(this.folder.resolve("plain"));
		Workload compacted = Workload.open(this.folder.resolve("compacted"));
		try (plain; compacted) {
			// rounds only when the test asks
			EmbeddedDatabaseCompaction compaction = new EmbeddedDatabaseCompaction(compacted.dataSource,
					compacted.dataSource.getJdbcUrl(), Duration.ofHours(1));
			compaction.start();
			assertThat(compaction.isRunning()).isTrue();
			// when
			for (int round = 1; round <= ROUNDS; round++) {
				plain.importAndDeliver(round);
				compacted.importAndDeliver(round);
				// chunks become candidates once older than the retention time
				Thread.sleep(60);
				for (int pass = 0; pass < 50 && compaction.compact(); pass++) {
					// rounds until nothing is left to rewrite, whatever the machine's
					// speed
				}
			}
			compaction.stop();
			// then
			assertThat(compacted.fileSize()).as("compacted file against the plain one")
				.isLessThan(plain.fileSize() / 2);
			assertThat(compacted.chunksFillRate()).as("live share of the compacted file's chunks")
				.isGreaterThan(2 * plain.chunksFillRate());
			assertThat(compacted.sentCount()).isEqualTo(plain.sentCount()).isEqualTo(ROUNDS * CUSTOMERS_A_ROUND);
		}
	}

	@Test
	void shouldLeaveAnInMemoryDatabaseAlone() {
		try (HikariDataSource memory = new HikariDataSource()) {
			memory.setJdbcUrl("jdbc:h2:mem:compaction");
			EmbeddedDatabaseCompaction compaction = new EmbeddedDatabaseCompaction(memory, memory.getJdbcUrl(),
					Duration.ofSeconds(1));
			compaction.start();
			assertThat(compaction.isRunning()).isFalse();
		}
	}

	@Test
	void shouldLeaveADatabaseOpenedReadOnlyAlone() throws Exception {
		// given a database file, opened again read-only
		Workload.open(this.folder.resolve("read-only")).close();
		try (HikariDataSource readOnly = new HikariDataSource()) {
			readOnly.setJdbcUrl("jdbc:h2:file:" + this.folder.resolve("read-only/tidings") + ";ACCESS_MODE_DATA=r");
			readOnly.setUsername("sa");
			EmbeddedDatabaseCompaction compaction = new EmbeddedDatabaseCompaction(readOnly, readOnly.getJdbcUrl(),
					Duration.ofSeconds(1));
			// when
			compaction.start();
			// then
			assertThat(compaction.isRunning()).as("H2 closes a read-only store whose compaction fails").isFalse();
		}
	}

	/**
	 * A file database and a pool, as a run's: customers imported in commits of 50, each
	 * with a ledger row, then one ledger row updated a commit, as a run's import, chunks
	 * and deliveries commit.
	 */
	private record Workload(Path folder, HikariDataSource dataSource) implements AutoCloseable {

		static Workload open(Path folder) throws SQLException {
			HikariDataSource dataSource = new HikariDataSource();
			// a short retention time: H2 rewrites no chunk younger than that (45 s by
			// default)
			dataSource.setJdbcUrl("jdbc:h2:file:" + folder.resolve("tidings") + ";WRITE_DELAY=0;RETENTION_TIME=50");
			dataSource.setUsername("sa");
			try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
				sql.execute(
						"CREATE TABLE customer (id VARCHAR(40) PRIMARY KEY, name VARCHAR(200), email VARCHAR(100))");
				sql.execute("CREATE INDEX customer_email ON customer (email)");
				sql.execute("CREATE TABLE ledger (id BIGINT PRIMARY KEY, customer VARCHAR(40), state VARCHAR(20))");
			}
			return new Workload(folder, dataSource);
		}

		void importAndDeliver(int round) throws SQLException {
			Random random = new Random(round);
			long first = (round - 1L) * CUSTOMERS_A_ROUND + 1;
			try (Connection connection = this.dataSource.getConnection();
					PreparedStatement customer = connection
						.prepareStatement("INSERT INTO customer VALUES (?, REPEAT('n', 120), ?)");
					PreparedStatement planned = connection
						.prepareStatement("INSERT INTO ledger VALUES (?, ?, 'PLANNED')");
					PreparedStatement sent = connection
						.prepareStatement("UPDATE ledger SET state = 'SENT' WHERE id = ?")) {
				connection.setAutoCommit(false);
				for (long id = first; id < first + CUSTOMERS_A_ROUND; id++) {
					String key = new UUID(random.nextLong(), random.nextLong()).toString();
					customer.setString(1, key);
					customer.setString(2, key + "@example.org");
					customer.executeUpdate();
					planned.setLong(1, id);
					planned.setString(2, key);
					planned.executeUpdate();
					if (id % 50 == 0) {
						connection.commit();
					}
				}
				connection.commit();
				for (long id = first; id < first + CUSTOMERS_A_ROUND; id++) {
					sent.setLong(1, id);
					sent.executeUpdate();
					connection.commit();
				}
			}
		}

		int chunksFillRate() throws SQLException {
			return Integer.parseInt(setting("info.CHUNKS_FILL_RATE"));
		}

		long fileSize() throws Exception {
			return Files.size(this.folder.resolve("tidings.mv.db"));
		}

		long sentCount() throws SQLException {
			try (Connection connection = this.dataSource.getConnection();
					Statement sql = connection.createStatement();
					ResultSet sum = sql.executeQuery("SELECT COUNT(*) FROM ledger WHERE state = 'SENT'")) {
				sum.next();
				return sum.getLong(1);
			}
		}

		private String setting(String name) throws SQLException {
			try (Connection connection = this.dataSource.getConnection();
					PreparedStatement query = connection.prepareStatement(
							"SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
				query.setString(1, name);
				try (ResultSet value = query.executeQuery()) {
					value.next();
					return value.getString(1);
				}
			}
		}

		@Override
		public void close() {
			this.dataSource.close();
		}

	}

}
