package io.tidings.response;

import io.tidings.csv.IngestReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.customer.CustomerRepository;
import io.tidings.offer.ProductScore;
import io.tidings.offer.ResponseScores;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.RunRef;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Closes the loop on the small test campaign: it runs once for the class, then a
 * responses file is ingested (the test campaign's responses plus a response that names
 * T001's cross-sell email by its communication id and leaves the product out). Every test
 * starts from that state and leaves what the others check unchanged.
 */
@SpringBootTest
class ResponseIngestJobFunctionalTests {

	private static final Path DATA = TestCampaigns.PROJECT.resolve("src/test/resources/io/tidings/response/data");

	@TempDir
	static Path folder;

	static Path jobFile;

	static Communication crossSell;

	static Path responsesFile;

	static IngestReport firstIngest;

	@Autowired
	ResponseIngest ingest;

	@Autowired
	ContactResponseRepository history;

	@Autowired
	ResponseScores scores;

	@Autowired
	CustomerRepository customers;

	@Autowired
	Communications communications;

	@Autowired
	CampaignRunner runner;

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@BeforeAll
	static void runTheCampaignAndIngestItsResponses(@Autowired CampaignRunner runner,
			@Autowired Communications communications, @Autowired ResponseIngest ingest) throws IOException {
		Path campaign = folder.resolve("campaign");
		jobFile = TestCampaigns.smallCampaign(campaign);
		RunReport run = runner.run(jobFile, LocalDate.of(2026, 9, 30), false);
		assertThat(run.completed()).as(String.valueOf(run.failure())).isTrue();
		crossSell = only(communications, run.run(), "T001", DocumentKind.CROSS_SELL);
		responsesFile = campaign.resolve("responses-with-id.csv");
		Files.writeString(responsesFile, Files.readString(campaign.resolve("responses.csv")) + "," + crossSell.id()
				+ ",,,responded," + OffsetDateTime.now().withNano(0) + ",email\n");
		firstIngest = ingest.ingestResponses(responsesFile);
	}

	@Test
	void shouldRecordTheValidResponsesAndRejectUnknownCustomersAndOutcomes() throws IOException {
		// given the campaign run and the responses ingested once for the class
		assertThat(crossSell.channel()).isEqualTo(Channel.EMAIL);
		assertThat(crossSell.offerCode()).isNotNull();
		// then
		assertThat(firstIngest.completed()).as(String.valueOf(firstIngest.failure())).isTrue();
		assertThat(firstIngest.alreadyIngested()).isFalse();
		assertThat(firstIngest.records()).isEqualTo(5);
		assertThat(firstIngest.accepted()).isEqualTo(3);
		assertThat(firstIngest.rejected()).isEqualTo(2);
		assertThat(firstIngest.rejectFile()).isEqualTo(responsesFile.resolveSibling("responses-with-id.rejects.csv"));
		assertThat(Files.getPosixFilePermissions(firstIngest.rejectFile())).as("the reject file is owner-only")
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		List<String> input = Files.readAllLines(responsesFile);
		List<CSVRecord> rejects = csv(firstIngest.rejectFile());
		assertThat(rejects.get(0).toList()).containsExactly("line", "field", "reason", "record");
		assertThat(rejects.subList(1, rejects.size())).extracting(r -> r.get(0), r -> r.get(1), r -> r.get(3))
			.containsExactlyInAnyOrder(tuple("4", "customer_id", input.get(3)), tuple("5", "outcome", input.get(4)));
		assertThat(rejects.get(1).get(2) + rejects.get(2).get(2)).contains("unknown customer T404",
				"must be responded, purchased, declined, complained or interested");
	}

	@Test
	void shouldRefuseResponsesDatedBeforeTheirCommunicationWasSentOrInTheFuture() throws IOException {
		// given a response to T001's cross-sell email dated before it was sent, and one
		// of
		// T009 dated tomorrow
		Path file = folder.resolve("campaign/responses-misdated.csv");
		Files.writeString(file, """
				customer_id,communication_id,campaign,product,outcome,occurred_at,channel
				,%s,,,declined,2026-08-14T10:00:00+01:00,email
				T009,,,EDU_SAVINGS,purchased,%s,print
				""".formatted(crossSell.id(), OffsetDateTime.now().plusDays(1).withNano(0)));
		// when
		IngestReport report = this.ingest.ingestResponses(file);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		assertThat(report.accepted()).isZero();
		List<CSVRecord> rejects = csv(report.rejectFile());
		assertThat(rejects.subList(1, rejects.size())).extracting(r -> r.get(0), r -> r.get(1))
			.containsExactly(tuple("2", "occurred_at"), tuple("3", "occurred_at"));
		assertThat(rejects.get(1).get(2))
			.startsWith("dated 2026-08-14T10:00+01:00, before the communication it matches");
		assertThat(rejects.get(2).get(2)).contains("in the future");
		assertThat(this.history.findByCustomer("T001")).extracting(ContactResponse::outcome)
			.doesNotContain(ResponseOutcome.DECLINED);
		assertThat(this.ingest.ingestResponses(file).alreadyIngested()).isTrue();
	}

	@Test
	void shouldKeepEveryResponseInTheCustomersContactHistory() {
		// given the responses ingested once for the class
		// when
		List<ContactResponse> t001 = this.history.findByCustomer("T001");
		List<ContactResponse> t009 = this.history.findByCustomer("T009");
		// then
		assertThat(t001)
			.extracting(ContactResponse::product, ContactResponse::outcome, ContactResponse::communicationId,
					ContactResponse::campaign, ContactResponse::channel, ContactResponse::sourceLine)
			.containsExactly(
					tuple("TERM_DEPOSIT", ResponseOutcome.PURCHASED, null, "quarterly-statements", "email", 2L),
					tuple(crossSell.offerCode(), ResponseOutcome.RESPONDED, crossSell.id().value(),
							"quarterly-statements", "email", 6L));
		assertThat(t001).extracting(ContactResponse::sourceFile).containsOnly(responsesFile.toString());
		assertThat(t009).extracting(ContactResponse::product, ContactResponse::outcome, ContactResponse::campaign)
			.containsExactly(tuple("EDU_SAVINGS", ResponseOutcome.DECLINED, null));
		assertThat(this.history.findByCustomer("T003")).as("a rejected response is not recorded").isEmpty();
	}

	@Test
	void shouldUpdateScoresHoldingsAndTheCommunicationRespondedTo() {
		// given the responses ingested once for the class
		// when
		Map<String, ProductScore> t001 = this.scores.forCustomer("T001");
		// then
		assertThat(t001.get("TERM_DEPOSIT")).satisfies(score -> {
			assertThat(score.positives()).isEqualTo(1);
			assertThat(score.negatives()).isZero();
			assertThat(score.score()).isCloseTo(2.0 / 3.0, offset(1e-9));
		});
		assertThat(t001.get(crossSell.offerCode()).positives()).isEqualTo(1);
		assertThat(this.scores.forCustomer("T009").get("EDU_SAVINGS")).satisfies(score -> {
			assertThat(score.negatives()).isEqualTo(1);
			assertThat(score.score()).isCloseTo(1.0 / 3.0, offset(1e-9));
		});
		assertThat(this.customers.findById("T001").orElseThrow().holdings()).contains("TERM_DEPOSIT",
				"CURRENT_ACCOUNT");
		assertThat(this.customers.findById("T009").orElseThrow().holdings()).doesNotContain("EDU_SAVINGS");
		assertThat(this.communications.find(crossSell.id()).orElseThrow().state())
			.isEqualTo(CommunicationState.RESPONDED);
	}

	@Test
	void shouldChangeNothingWhenTheSameFileIsIngestedAgain() {
		// given
		Map<String, ProductScore> before = this.scores.forCustomer("T001");
		// when
		IngestReport again = this.ingest.ingestResponses(responsesFile);
		// then
		assertThat(again.alreadyIngested()).isTrue();
		assertThat(again.completed()).isTrue();
		assertThat(this.scores.forCustomer("T001")).isEqualTo(before);
		assertThat(this.history.findByCustomer("T001")).hasSize(2);
	}

	@Test
	void shouldRecordOnlyTheNewResponseOfAFileThatRepeatsEarlierOnes() throws IOException {
		// given a different file: the lines ingested before, and one new line
		Map<String, ProductScore> before = this.scores.forCustomer("T001");
		Path later = responsesFile.resolveSibling("responses-later.csv");
		List<String> newLines = Files.readAllLines(DATA.resolve("responses-later.csv"));
		Files.writeString(later,
				Files.readString(responsesFile) + String.join("\n", newLines.subList(1, newLines.size())) + "\n");
		// when
		IngestReport report = this.ingest.ingestResponses(later);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		assertThat(report.alreadyIngested()).isFalse();
		assertThat(report.records()).isEqualTo(6);
		assertThat(report.rejected()).isEqualTo(2);
		assertThat(this.history.findByCustomer("T001")).hasSize(2);
		assertThat(this.history.findByCustomer("T009")).hasSize(1);
		assertThat(this.history.findByCustomer("T005")).singleElement()
			.satisfies(response -> assertThat(response.sourceFile()).isEqualTo(later.toString()));
		assertThat(this.scores.forCustomer("T001")).isEqualTo(before);
		assertThat(this.scores.forCustomer("T005").get("TRAVEL_INS").positives()).isEqualTo(1);
	}

	@Test
	void shouldNotOfferAProductTheCustomerBoughtInTheNextRun() {
		// given T001 bought a term deposit after the first run
		Communication firstStatement = only(this.communications, new RunRef("quarterly-statements", "2026-09-30"),
				"T001", DocumentKind.STATEMENT);
		assertThat(firstStatement.decisionReason()).contains("TERM_DEPOSIT")
			.doesNotContain("TERM_DEPOSIT (already held)");
		// when
		RunReport next = this.runner.run(jobFile, LocalDate.of(2026, 12, 31), false);
		// then
		assertThat(next.completed()).as(String.valueOf(next.failure())).isTrue();
		Communication statement = only(this.communications, next.run(), "T001", DocumentKind.STATEMENT);
		Communication offer = only(this.communications, next.run(), "T001", DocumentKind.CROSS_SELL);
		assertThat(statement.offerCode()).isNotEqualTo("TERM_DEPOSIT");
		assertThat(offer.offerCode()).isNotEqualTo("TERM_DEPOSIT");
		assertThat(statement.decisionReason()).contains("TERM_DEPOSIT (already held)");
		assertThat(offer.decisionReason()).contains("TERM_DEPOSIT (already held)");
		assertThat(this.customers.findById("T001").orElseThrow().holdings())
			.as("the next run's import of the customer file keeps the purchase")
			.contains("TERM_DEPOSIT");
	}

	private static Communication only(Communications communications, RunRef run, String customerId, DocumentKind kind) {
		return communications.findByCustomer(customerId)
			.stream()
			.filter(c -> c.run().equals(run) && c.kind() == kind)
			.findFirst()
			.orElseThrow();
	}

	private static List<CSVRecord> csv(Path file) throws IOException {
		try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
			return parser.getRecords();
		}
	}

}
