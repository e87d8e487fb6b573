package io.tidings.customer;

import io.tidings.TestPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link CustomerMergeFunctionalTests} against a real PostgreSQL server: the same
 * assertions.
 */
class PostgresCustomerMergeFunctionalTests extends CustomerMergeFunctionalTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.useNewDatabase(registry, "customermerge");
	}

}
