package io.tidings.customer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import org.springframework.stereotype.Component;

/**
 * Flyway migration 19.1.1: fills {@code customer.name_key} (added by migration 19.1) for
 * the customers imported before it, with the {@link NameKeys#initials initials} their
 * next import would store. A Java migration because the key needs the transliteration of
 * {@link TextKeys}, which SQL does not have; Spring Boot hands every such bean to Flyway.
 */
@Component
class CustomerNameKeyMigration implements JavaMigration {

	private static final int BATCH = 1000;

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion("19.1.1");
	}

	@Override
	public String getDescription() {
		return "customer name keys";
	}

	@Override
	public Integer getChecksum() {
		return 1;
	}

	@Override
	public boolean canExecuteInTransaction() {
		return true;
	}

	@Override
	public void migrate(Context context) throws Exception {
		fill(context.getConnection(), "birth_date IS NOT NULL");
	}

	/**
	 * Stores the initials of the customers that meet a condition.
	 */
	static void fill(Connection connection, String condition) throws SQLException {
		try (PreparedStatement select = connection
			.prepareStatement("SELECT customer_id, first_name, last_name FROM customer WHERE " + condition);
				PreparedStatement update = connection
					.prepareStatement("UPDATE customer SET name_key = ? WHERE customer_id = ?")) {
			select.setFetchSize(BATCH);
			int pending = 0;
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					String initials = NameKeys.initials(rows.getString("first_name"), rows.getString("last_name"));
					if (initials == null) {
						continue;
					}
					update.setString(1, initials);
					update.setString(2, rows.getString("customer_id"));
					update.addBatch();
					if (++pending == BATCH) {
						update.executeBatch();
						pending = 0;
					}
				}
			}
			if (pending > 0) {
				update.executeBatch();
			}
		}
	}

}
