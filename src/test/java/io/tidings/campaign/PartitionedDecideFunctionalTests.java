package io.tidings.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestBroker;
import io.tidings.TestCampaigns;
import io.tidings.TidingsApplication;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decide stage (plan, then schedule) of a run partitioned over a worker: this test's
 * process is both the manager and the worker that takes the partitions from an Artemis
 * broker in this JVM. The same communications come out as from a run in one process, and
 * run-wide limits (an offer's volume cap, the daily capacity) hold across partitions.
 */
@SpringBootTest(properties = { "tidings.partitioning.worker=true", "tidings.partitioning.grid-size=3" })
@DirtiesContext
class PartitionedDecideFunctionalTests {

	private static final LocalDate AS_OF = LocalDate.of(2026, 9, 30);

	@TempDir
	static Path folder;

	/**
	 * Left running until the JVM ends: the worker's listener stops only when Spring
	 * closes this test's context, after the test class.
	 */
	private static TestBroker broker;

	@Autowired
	CampaignRunner runner;

	@Autowired
	DataSource dataSource;

	@DynamicPropertySource
	static void partitioning(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
		registry.add("tidings.partitioning.broker-url", () -> broker().url());
	}

	private static synchronized TestBroker broker() {
		if (broker == null) {
			try {
				broker = TestBroker.start();
			}
			catch (Exception ex) {
				throw new IllegalStateException("Cannot start the broker", ex);
			}
		}
		return broker;
	}

	@Test
	void shouldPlanAndScheduleInPartitionsWhatOneProcessPlansAndSchedules() throws Exception {
		// given a campaign with a control group, two variants and a frequency cap
		Path job = TestCampaigns.smallCampaignWithPolicy(folder.resolve("same"), """
				experiment:
				  control-group: 30%
				  variants:
				    - { name: champion, share: 50% }
				    - { name: challenger, share: 50% }
				policy:
				  frequency-caps:
				    - { channel: all, max: 1, per: week }
				""");
		// when it is decided in three partitions, and in one process
		RunReport partitioned = this.runner.run(job, AS_OF, true);
		List<String> serial;
		try (ConfigurableApplicationContext single = new SpringApplicationBuilder(TidingsApplication.class)
			.run("--tidings.home=" + folder.resolve("home-single"))) {
			RunReport report = single.getBean(CampaignRunner.class).run(job, AS_OF, true);
			assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
			serial = ledger(single.getBean(DataSource.class), report.run().runKey());
		}
		// then
		assertThat(partitioned.completed()).as(String.valueOf(partitioned.failure())).isTrue();
		assertThat(partitionStatuses("planCommunicationsPartitionStep")).containsExactly("COMPLETED", "COMPLETED",
				"COMPLETED");
		assertThat(partitionStatuses("scheduleCommunicationsPartitionStep")).containsExactly("COMPLETED", "COMPLETED",
				"COMPLETED");
		assertThat(ledger(this.dataSource, partitioned.run().runKey())).hasSize(20).isEqualTo(serial);
		assertThat(serial).anyMatch(row -> row.contains(" PLANNED ")).anyMatch(row -> row.contains("control-group"));
	}

	@Test
	void shouldNeverExceedACappedOfferOrTheDailyCapacityWhenPartitioned() throws IOException {
		// given the mortgage for one customer only, and two marketing contacts a day
		Path folderOfJob = folder.resolve("capped");
		Path job = TestCampaigns.smallCampaignWithPolicy(folderOfJob, """
				policy:
				  calendar:
				    avoid-weekdays: [saturday, sunday]
				    public-holidays: false
				  send-windows: {}
				  capacity:
				    per-day: 2
				  max-deferral-days: 30
				""");
		Files.writeString(folderOfJob.resolve("offers.yml"),
				Files.readString(TestCampaigns.PROJECT.resolve("samples/offers.yml"))
					.replace("max-volume: 40", "max-volume: 1"));
		Files.writeString(job, Files.readString(job)
			.replace("offers: " + TestCampaigns.PROJECT + "/samples/offers.yml", "offers: offers.yml"));
		// when
		RunReport report = this.runner.run(job, AS_OF.minusMonths(3), true);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		JdbcClient jdbc = JdbcClient.create(this.dataSource);
		assertThat(jdbc.sql("""
				SELECT COUNT(*) FROM communication WHERE run_key = ? AND document_kind = 'CROSS_SELL'
				AND offer_code = 'MORTGAGE' AND state <> 'SUPPRESSED'
				""").param(report.run().runKey()).query(Long.class).single()).isEqualTo(1);
		Map<String, Long> perDay = jdbc
			.sql("""
					SELECT drop_date, COUNT(*) AS total FROM communication WHERE run_key = ? AND document_kind = 'CROSS_SELL'
					AND state = 'PLANNED' AND drop_date IS NOT NULL GROUP BY drop_date
					""")
			.param(report.run().runKey())
			.query((rs, n) -> Map.entry(rs.getString("drop_date"), rs.getLong("total")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		assertThat(perDay.values().stream().mapToLong(Long::longValue).sum()).as(perDay.toString()).isGreaterThan(2);
		assertThat(perDay.values()).as(perDay.toString()).allMatch(count -> count <= 2);
	}

	/** The statuses of the partitions of a worker step in the latest run. */
	private List<String> partitionStatuses(String workerStep) {
		return JdbcClient.create(this.dataSource).sql("""
				SELECT status FROM batch_step_execution WHERE step_name LIKE ?
				AND job_execution_id = (SELECT MAX(job_execution_id) FROM batch_job_execution)
				ORDER BY step_name
				""").param(workerStep + ":partition%").query(String.class).list();
	}

	/** Every communication with what was decided and scheduled. */
	private static List<String> ledger(DataSource dataSource, String runKey) {
		return JdbcClient.create(dataSource).sql("""
				SELECT customer_id || ' ' || channel || ' ' || document_kind || ' '
				  || COALESCE(offer_code, '-') || ' ' || COALESCE(variant, '-') || ' ' || state || ' '
				  || COALESCE(reason_code, '-') || ' ' || COALESCE(CAST(drop_date AS VARCHAR), '-') || ' '
				  || COALESCE(deferral_code, '-') || ' ' || COALESCE(decision_reason, '-')
				FROM communication WHERE run_key = ? ORDER BY customer_id, document_kind, channel
				""").param(runKey).query(String.class).list();
	}

}
