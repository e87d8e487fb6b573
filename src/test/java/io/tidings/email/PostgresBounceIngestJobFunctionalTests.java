package io.tidings.email;

import io.tidings.TestPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link BounceIngestJobFunctionalTests} against a real PostgreSQL server: the same
 * assertions.
 */
class PostgresBounceIngestJobFunctionalTests extends BounceIngestJobFunctionalTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.useNewDatabase(registry, "bounceingestjob");
	}

}
