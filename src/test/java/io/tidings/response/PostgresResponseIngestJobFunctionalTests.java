package io.tidings.response;

import io.tidings.TestPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ResponseIngestJobFunctionalTests} against a real PostgreSQL server: the same
 * assertions.
 */
class PostgresResponseIngestJobFunctionalTests extends ResponseIngestJobFunctionalTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.useNewDatabase(registry, "responseingestjob");
	}

}
