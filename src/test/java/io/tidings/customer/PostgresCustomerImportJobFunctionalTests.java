package io.tidings.customer;

import io.tidings.TestPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link CustomerImportJobFunctionalTests} against a real PostgreSQL server: the same
 * assertions.
 */
class PostgresCustomerImportJobFunctionalTests extends CustomerImportJobFunctionalTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.useNewDatabase(registry, "customerimportjob");
	}

}
