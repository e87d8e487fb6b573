package io.tidings.response;

import io.tidings.TestPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ResponsesChangeTheNextRunFunctionalTests} against a real PostgreSQL server: the
 * same assertions.
 */
class PostgresResponsesChangeTheNextRunFunctionalTests extends ResponsesChangeTheNextRunFunctionalTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.useNewDatabase(registry, "responseschangethenextrun");
	}

}
