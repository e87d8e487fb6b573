package io.tidings.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log's hash chain on a real H2 database with the table as the migrations make
 * it: appends from several threads make one unbroken chain, and an entry removed or
 * slipped in behind the log's back is found.
 */
class AuditLogTests {

	private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration/common");

	private JdbcClient jdbc;

	private AuditLog audit;

	@BeforeEach
	void createTheTable() throws IOException {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		this.jdbc = JdbcClient.create(dataSource);
		for (String migration : new String[] { "V8_1__console.sql", "V20_1__audit_chain.sql" }) {
			String sql = Files.readString(MIGRATIONS.resolve(migration)).replaceAll("(?m)^--.*$", "");
			for (String statement : sql.split(";")) {
				if (statement.contains("console_audit")) {
					this.jdbc.sql(statement).update();
				}
			}
		}
		this.audit = new AuditLog(dataSource, Clock.systemUTC());
	}

	@Test
	void shouldChainEntriesAppendedFromSeveralThreadsAtOnce() throws Exception {
		// given an entry from before the chain
		this.jdbc
			.sql("INSERT INTO console_audit (audit_id, occurred_at, username, action) VALUES ('old', ?, 'ops', 'RUN')")
			.params(java.sql.Timestamp.valueOf("2020-01-01 00:00:00"))
			.update();
		// when four threads append 25 entries each
		ExecutorService threads = Executors.newFixedThreadPool(4);
		List<Future<?>> appends = new ArrayList<>();
		for (int thread = 0; thread < 4; thread++) {
			int t = thread;
			appends.add(threads.submit(() -> {
				for (int i = 0; i < 25; i++) {
					this.audit.record("user-" + t, "VIEW_CUSTOMER", "C" + i, null);
				}
			}));
		}
		for (Future<?> append : appends) {
			append.get();
		}
		threads.shutdown();
		this.audit.searched("agent", "Maria Silva");
		// then
		AuditLog.Verification verification = this.audit.verify();
		assertThat(verification.intact()).as(String.valueOf(verification.broken())).isTrue();
		assertThat(verification.checked()).isEqualTo(101);
		assertThat(verification.unchained()).isEqualTo(1);
		assertThat(this.audit.latest(1).get(0)).extracting("action", "terms", "seq")
			.containsExactly("SEARCH_CUSTOMERS", "Maria Silva", 101L);
	}

	@Test
	void shouldNameTheGapWhereAnEntryWasRemoved() {
		// given
		for (int i = 0; i < 5; i++) {
			this.audit.record("agent", "VIEW_CUSTOMER", "C" + i, null);
		}
		// when
		this.jdbc.sql("DELETE FROM console_audit WHERE seq = 3").update();
		// then
		AuditLog.Verification verification = this.audit.verify();
		assertThat(verification.intact()).isFalse();
		assertThat(verification.brokenAt()).isEqualTo(4);
		assertThat(verification.broken()).isEqualTo("entry 4 follows entry 2: entry 3 is missing");
		assertThat(verification.checked()).isEqualTo(2);
	}

	@Test
	void shouldNameAnEntrySlippedInOutsideTheChain() {
		// given
		this.audit.record("agent", "VIEW_CUSTOMER", "C1", null);
		// when
		this.jdbc
			.sql("INSERT INTO console_audit (audit_id, occurred_at, username, action) VALUES ('x', ?, 'ops', 'RUN')")
			.params(java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(60)))
			.update();
		// then
		AuditLog.Verification verification = this.audit.verify();
		assertThat(verification.intact()).isFalse();
		assertThat(verification.broken()).contains("1 entry(ies) outside the chain dated after its first entry");
	}

}
