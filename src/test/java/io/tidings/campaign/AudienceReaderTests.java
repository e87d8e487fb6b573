package io.tidings.campaign;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tidings.DatabaseDialect;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.RunRef;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class AudienceReaderTests {

	private static final RunRef RUN = new RunRef("autumn", "2026-10-01");

	private final JdbcDataSource dataSource = new JdbcDataSource();

	private AudienceRepository audience;

	@BeforeEach
	void createDatabase() {
		this.dataSource.setURL("jdbc:h2:mem:audience-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.load()
			.migrate();
		JdbcClient jdbc = JdbcClient.create(this.dataSource);
		jdbc.sql("""
				INSERT INTO customer (customer_id, language, country, balance, currency, holdings, children,
				  consent_email, consent_sms, paperless, attributes, match_key, updated_at)
				SELECT 'C' || LPAD(CAST(X AS VARCHAR), 5, '0'), 'en', 'GB', 0, 'GBP', '', 0, TRUE, TRUE, FALSE, '{}',
				  CAST(X AS VARCHAR), CURRENT_TIMESTAMP FROM SYSTEM_RANGE(1, 1201)
				""").update();
		jdbc.sql(
				"""
						INSERT INTO run_audience (campaign, run_key, customer_id, value_tier, in_control_group, variant, priority)
						SELECT ?, ?, customer_id, 'core', FALSE, NULL, CAST(SUBSTRING(customer_id, 2) AS DOUBLE) FROM customer
						""")
			.params(RUN.campaign(), RUN.runKey())
			.update();
		this.audience = new AudienceRepository(this.dataSource, new DatabaseDialect(this.dataSource),
				new CustomerRepository(this.dataSource, Clock.systemUTC()));
	}

	@Test
	void readsTheAudienceHighestPriorityFirstWithEachCustomerAcrossBatches() throws Exception {
		List<String> read = readAll(new ExecutionContext());

		assertThat(read).hasSize(1201).startsWith("C01201", "C01200").endsWith("C00002", "C00001");
	}

	@Test
	void resumesAfterTheMembersHandedOnBeforeAStop() throws Exception {
		ExecutionContext saved = new ExecutionContext();
		AudienceReader first = this.audience.reader("audienceItemReader", RUN);
		first.open(saved);
		for (int i = 0; i < 700; i++) {
			first.read();
		}
		first.update(saved);
		first.close();

		List<String> rest = readAll(saved);

		assertThat(rest).hasSize(501).startsWith("C00501").endsWith("C00001");
	}

	private List<String> readAll(ExecutionContext context) throws Exception {
		AudienceReader reader = this.audience.reader("audienceItemReader", RUN);
		reader.open(context);
		List<String> ids = new ArrayList<>();
		AudienceMember member;
		while ((member = reader.read()) != null) {
			ids.add(member.customer().id());
		}
		reader.update(context);
		reader.close();
		return ids;
	}

}
