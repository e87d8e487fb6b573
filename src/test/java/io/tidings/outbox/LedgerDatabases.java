package io.tidings.outbox;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import io.tidings.TestPostgres;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A new database with the real schema, for tests of the ledger on H2 and PostgreSQL.
 */
public final class LedgerDatabases {

	private LedgerDatabases() {
	}

	/**
	 * @param database {@code h2} (in memory) or {@code postgresql} (a database of its own
	 * on the tests' shared server)
	 */
	public static DataSource migrated(String database) {
		DataSource dataSource;
		if (database.equals("h2")) {
			JdbcDataSource h2 = new JdbcDataSource();
			h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
			dataSource = h2;
		}
		else {
			dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), TestPostgres.newDatabase("ledger"),
					"postgres", "");
		}
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/" + database)
			.load()
			.migrate();
		return dataSource;
	}

}
