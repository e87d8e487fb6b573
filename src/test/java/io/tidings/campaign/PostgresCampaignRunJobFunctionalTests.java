package io.tidings.campaign;

import io.tidings.TestPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The campaign run's functional tests (import, select, decide, render, deliver, print
 * production), with the same assertions, against a real PostgreSQL server.
 */
class PostgresCampaignRunJobFunctionalTests extends CampaignRunJobFunctionalTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.useNewDatabase(registry, "campaign_run");
	}

}
