package io.tidings.privacy;

import io.tidings.TestPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link CustomerDataFunctionalTests} against a real PostgreSQL server: the same
 * assertions.
 */
class PostgresCustomerDataFunctionalTests extends CustomerDataFunctionalTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.useNewDatabase(registry, "customerdata");
	}

}
