package io.tidings.campaign;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationPlan;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.OutboxLedger;
import io.tidings.policy.ConsentRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate of the deliver stage against the H2 database of the small campaign's
 * customers: a chunk's customers and what they allow are read in a few queries, whatever
 * the chunk's size (counted by H2's own query statistics), with the same decisions as one
 * by one.
 */
@SpringBootTest
class DeliveryGateTests {

	private static final List<String> AUDIENCE = List.of("T001", "T002", "T003", "T004", "T005", "T006", "T007", "T008",
			"T009", "T013");

	/** Statements that read customers and what they allow. */
	private static final Pattern GATE_READS = Pattern.compile(
			"(?is)\\s*SELECT\\b.*\\bFROM (customer|consent_event|suppression_entry|statement_preference_event)\\b.*");

	@TempDir
	static Path folder;

	private static Path job;

	@Autowired
	CampaignRunner runner;

	@Autowired
	CustomerRepository customers;

	@Autowired
	ConsentRegistry consents;

	@Autowired
	OutboxLedger ledger;

	@Autowired
	Communications communications;

	@Autowired
	Clock clock;

	@Autowired
	DataSource dataSource;

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@BeforeEach
	void importTheCustomersOnce() {
		if (job == null) {
			job = TestCampaigns.smallCampaign(folder.resolve("campaign"));
			assertThat(this.runner.run(job, LocalDate.of(2026, 9, 30), true).completed()).isTrue();
		}
	}

	@Test
	void shouldReadAChunksCustomersAndPermissionsInAFewQueriesWithTheSameDecisions() {
		// given a chunk of eleven communications, one of a customer who no longer exists,
		// and opt-outs and suppressions recorded since they were planned
		CampaignRunContext context = context("chunk");
		DeliveryGate gate = gate(context);
		OffsetDateTime since = OffsetDateTime.parse("2026-10-01T09:00:00Z");
		this.consents.recordOptOut("T001", Channel.EMAIL, "test", since);
		this.consents.recordUndeliverable(Channel.EMAIL, "ann.obrien@example.com", "test", since);
		List<Communication> chunk = plan(Stream.concat(AUDIENCE.stream(), Stream.of("T404"))
			.map(customer -> CommunicationPlan.planned(context.run(), customer, Channel.EMAIL, DocumentKind.CROSS_SELL,
					"SAVINGS", "email/cross-sell.html.ftlh", "test"))
			.toList());
		List<Customer> known = List.copyOf(this.customers.findAllById(AUDIENCE).values());
		Map<String, ?> oneByOne = known.stream()
			.collect(Collectors.toMap(Customer::id, customer -> this.consents.permissions(customer)));
		// when
		startCountingQueries();
		DeliveryGate.ChunkGate read = gate.read(chunk);
		Map<String, Boolean> allowed = chunk.stream()
			.collect(Collectors.toMap(Communication::customerId, c -> read.mayDeliver(c, Instant.now())));
		long queries = gateQueries();
		// then one query for the customers, and four for what they allow (two on consent
		// events), instead of five a communication
		assertThat(queries).isEqualTo(5);
		assertThat(this.consents.permissions(known)).isEqualTo(oneByOne);
		assertThat(allowed).containsEntry("T004", true).containsEntry("T009", true).containsEntry("T001", false);
		assertThat(state(chunk, "T404")).isEqualTo("SUPPRESSED unknown-customer: customer no longer exists");
		assertThat(state(chunk, "T001")).startsWith("SUPPRESSED opted-out: at delivery: email: opted out of email");
		assertThat(state(chunk, "T006"))
			.isEqualTo("SUPPRESSED undeliverable: at delivery: email: email address bounced for good (reported "
					+ "2026-10-01, test)");
		assertThat(state(chunk, "T002"))
			.isEqualTo("SUPPRESSED no-consent: at delivery: email: no consent to " + "marketing email");
	}

	@Test
	void shouldHonourAnOptOutAtTheProviderInTheCustomersLaterCommunicationsOfTheChunk() {
		// given a statement and an offer by SMS to T005 in one chunk, read before either
		// is handed over
		CampaignRunContext context = context("provider");
		DeliveryGate gate = gate(context);
		List<Communication> chunk = plan(List.of(
				CommunicationPlan.planned(context.run(), "T005", Channel.SMS, DocumentKind.STATEMENT, null,
						"sms/statement.ftl", "test"),
				CommunicationPlan.planned(context.run(), "T005", Channel.SMS, DocumentKind.CROSS_SELL, "SAVINGS",
						"sms/cross-sell.ftl", "test"),
				CommunicationPlan.planned(context.run(), "T013", Channel.SMS, DocumentKind.CROSS_SELL, "SAVINGS",
						"sms/cross-sell.ftl", "test")));
		DeliveryGate.ChunkGate read = gate.read(chunk);
		Communication statement = chunk.get(0);
		assertThat(read.mayDeliver(statement, Instant.now())).isTrue();
		// when the provider says T005 unsubscribed
		read.optedOutAtProvider(statement, "Twilio error 21610");
		// then the offer to T005 later in the chunk is not sent, T013's is
		assertThat(read.mayDeliver(chunk.get(1), Instant.now())).isFalse();
		assertThat(read.mayDeliver(chunk.get(2), Instant.now())).isTrue();
		assertThat(this.communications.find(chunk.get(1).id()).orElseThrow().reasonCode()).isEqualTo("opted-out");
		assertThat(this.communications.find(statement.id()).orElseThrow().stateReason())
			.isEqualTo("at delivery: sms: the recipient unsubscribed at the provider (Twilio error 21610)");
	}

	private static CampaignRunContext context(String runKey) {
		return CampaignRunContext.from(Map.of(CampaignRunContext.JOB_FILE, job.toString(), CampaignRunContext.RUN_KEY,
				runKey, CampaignRunContext.AS_OF, "2026-09-30", CampaignRunContext.DRY_RUN, "false"));
	}

	private DeliveryGate gate(CampaignRunContext context) {
		return new DeliveryGate(context, this.customers, this.consents, this.ledger, this.clock);
	}

	private List<Communication> plan(List<CommunicationPlan> plans) {
		this.ledger.plan(plans);
		return plans.stream().map(plan -> this.communications.find(plan.id()).orElseThrow()).toList();
	}

	private Communication only(List<Communication> chunk, String customer) {
		return chunk.stream().filter(c -> c.customerId().equals(customer)).findFirst().orElseThrow();
	}

	private String state(List<Communication> chunk, String customer) {
		Communication now = this.communications.find(only(chunk, customer).id()).orElseThrow();
		assertThat(now.state()).isNotEqualTo(CommunicationState.SENT);
		return now.state() + " " + now.reasonCode() + ": " + now.stateReason();
	}

	/** Starts H2's query statistics afresh. */
	private void startCountingQueries() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.execute("SET QUERY_STATISTICS FALSE");
		jdbc.execute("SET QUERY_STATISTICS TRUE");
	}

	private long gateQueries() {
		Map<String, Long> counts = new JdbcTemplate(this.dataSource)
			.query("SELECT SQL_STATEMENT, EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS",
					(rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.stream()
			.filter(entry -> GATE_READS.matcher(entry.getKey()).matches())
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		new JdbcTemplate(this.dataSource).execute("SET QUERY_STATISTICS FALSE");
		return counts.values().stream().mapToLong(Long::longValue).sum();
	}

}
