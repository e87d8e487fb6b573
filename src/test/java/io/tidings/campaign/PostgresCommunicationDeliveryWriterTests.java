package io.tidings.campaign;

import io.tidings.TestPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The deliver stage's ledger transactions, with the same assertions, against a real
 * PostgreSQL server.
 */
class PostgresCommunicationDeliveryWriterTests extends CommunicationDeliveryWriterTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.useNewDatabase(registry, "delivery_writer");
	}

}
