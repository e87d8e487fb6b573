package io.tidings.policy;

import io.tidings.TestPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link OptOutRunFunctionalTests} against a real PostgreSQL server: the same assertions.
 */
class PostgresOptOutRunFunctionalTests extends OptOutRunFunctionalTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.useNewDatabase(registry, "optoutrun");
	}

}
