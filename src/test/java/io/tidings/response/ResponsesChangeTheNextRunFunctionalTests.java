package io.tidings.response;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.csv.IngestReport;
import io.tidings.outbox.Communication;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.RunRef;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response loop across runs: responses ingested after a run change what the next run
 * offers, and once there are enough of them the next run trains a new propensity model
 * version and records it on every decision it made with it.
 */
@SpringBootTest
class ResponsesChangeTheNextRunFunctionalTests {

	@TempDir
	static Path folder;

	@Autowired
	CampaignRunner runner;

	@Autowired
	Communications communications;

	@Autowired
	ResponseIngest ingest;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@Test
	void shouldOfferSomethingElseNextRunToACustomerWhoDeclinedTheOffer() throws Exception {
		// given Olena was offered the education savings plan
		Path job = TestCampaigns.smallCampaign(folder.resolve("declined"));
		RunReport first = this.runner.run(job, LocalDate.of(2026, 3, 31), false);
		assertThat(first.completed()).as(String.valueOf(first.failure())).isTrue();
		assertThat(offer(first.run(), "T005").offerCode()).isEqualTo("EDU_SAVINGS");
		// and declined it, again and again
		StringBuilder responses = new StringBuilder("customer_id,product,outcome,occurred_at,channel\n");
		for (int day = 1; day <= 5; day++) {
			responses.append("T005,edu-savings,declined,2026-04-0").append(day).append("T10:00:00+03:00,sms\n");
		}
		Path file = Files.writeString(folder.resolve("declined/declines.csv"), responses);
		// when
		IngestReport report = this.ingest.ingestResponses(file);
		RunReport next = this.runner.run(job, LocalDate.of(2026, 4, 30), false);
		// then
		assertThat(report.accepted()).isEqualTo(5);
		assertThat(next.completed()).as(String.valueOf(next.failure())).isTrue();
		Communication offer = offer(next.run(), "T005");
		assertThat(offer.offerCode()).isEqualTo("TRAVEL_INS");
		assertThat(offer.decisionReason()).contains("preferred over EDU_SAVINGS (expected value 25.71)");
	}

	@Test
	void shouldTrainANewModelVersionFromIngestedResponsesAndRecordItOnEachDecision() throws Exception {
		// given sixty more customers, and a first run that knows no responses
		Path job = TestCampaigns.smallCampaign(folder.resolve("model"));
		Path customers = folder.resolve("model/customers.csv");
		StringBuilder more = new StringBuilder(Files.readString(customers));
		for (int i = 1; i <= 60; i++) {
			more.append(
					"M%03d,Mx,Given%d,Family%d,en,%d Long Road,,E1 6AN,London,GB,,,19%02d-01-%02d,%d.00,GBP,,CURRENT_ACCOUNT,0,single,false,false,false,0\n"
						.formatted(i, i, i, i, 40 + i % 50, 1 + i % 28, 1000 + i * 150));
		}
		Files.writeString(customers, more);
		RunReport first = this.runner.run(job, LocalDate.of(2025, 7, 31), false);
		assertThat(first.completed()).as(String.valueOf(first.failure())).isTrue();
		assertThat(offers(first.run())).allSatisfy(offer -> assertThat(offer.details().modelVersion()).isNull());
		// and responses to the term deposit: the richer half took it, the others declined
		StringBuilder responses = new StringBuilder("customer_id,product,outcome,occurred_at,channel\n");
		for (int i = 1; i <= 60; i++) {
			responses.append("M%03d,TERM_DEPOSIT,%s,2026-02-10T10:00:00Z,print\n".formatted(i,
					(i > 30) ? "responded" : "declined"));
		}
		this.ingest.ingestResponses(Files.writeString(folder.resolve("model/responses-1.csv"), responses));
		// when
		RunReport second = this.runner.run(job, LocalDate.of(2025, 8, 31), false);
		// then
		assertThat(second.completed()).as(String.valueOf(second.failure())).isTrue();
		assertThat(modelVersions(second.run())).containsExactly("TERM_DEPOSIT v1");
		// when more responses come in
		this.ingest.ingestResponses(Files.writeString(folder.resolve("model/responses-2.csv"), """
				customer_id,product,outcome,occurred_at,channel
				T002,TERM_DEPOSIT,declined,2026-03-05T10:00:00Z,sms
				T006,TERM_DEPOSIT,responded,2026-03-05T10:00:00Z,email
				"""));
		RunReport third = this.runner.run(job, LocalDate.of(2025, 9, 30), false);
		// then the next run decides with a model trained on them too
		assertThat(third.completed()).as(String.valueOf(third.failure())).isTrue();
		assertThat(modelVersions(third.run())).containsExactly("TERM_DEPOSIT v2");
	}

	private List<String> modelVersions(RunRef run) {
		return offers(run).stream()
			.filter(offer -> "TERM_DEPOSIT".equals(offer.offerCode()))
			.map(offer -> offer.details().modelVersion())
			.filter(Objects::nonNull)
			.distinct()
			.toList();
	}

	private List<Communication> offers(RunRef run) {
		return this.communications.findByCustomer("M060").stream().filter(c -> c.run().equals(run)).toList().isEmpty()
				? List.of()
				: java.util.stream.IntStream.rangeClosed(1, 60)
					.mapToObj(i -> "M%03d".formatted(i))
					.flatMap(id -> this.communications.findByCustomer(id).stream())
					.filter(c -> c.run().equals(run))
					.toList();
	}

	private Communication offer(RunRef run, String customerId) {
		return this.communications.findByCustomer(customerId)
			.stream()
			.filter(c -> c.run().equals(run) && c.kind() == DocumentKind.CROSS_SELL)
			.findFirst()
			.orElseThrow();
	}

}
