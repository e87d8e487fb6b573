package io.tidings.customer;

import io.tidings.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CustomerImportJobFunctionalTests} against a real PostgreSQL server: the same
 * assertions.
 */
class PostgresCustomerImportJobFunctionalTests extends CustomerImportJobFunctionalTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.useNewDatabase(registry, "customerimportjob");
	}

	@Test
	void shouldLeaveTheStatisticsOfTheImportedTablesUpToDateForTheQueriesAfterIt() {
		// the sample import of @BeforeAll filled the tables a minute before PostgreSQL's
		// own analysis would look at them
		assertThat(new JdbcTemplate(this.dataSource).queryForList("""
				SELECT relname FROM pg_stat_user_tables
				WHERE last_analyze IS NOT NULL AND relname IN ('customer', 'customer_source', 'consent_event',
				      'statement_preference_event', 'account_transaction')
				""", String.class)).containsExactlyInAnyOrder("customer", "customer_source", "consent_event",
				"statement_preference_event", "account_transaction");
	}

}
