package io.tidings.customer;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import org.springframework.stereotype.Component;

/**
 * Flyway migration 19.3.1: fills {@code customer.name_key} for the customers with a
 * household and no date of birth, which migration 19.1.1 left without one: the household
 * lookup of matching is blocked by the initials since migration 19.3.
 */
@Component
class CustomerHouseholdNameKeyMigration implements JavaMigration {

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion("19.3.1");
	}

	@Override
	public String getDescription() {
		return "customer name keys of households";
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
		CustomerNameKeyMigration.fill(context.getConnection(), "birth_date IS NULL AND household_key IS NOT NULL");
	}

}
