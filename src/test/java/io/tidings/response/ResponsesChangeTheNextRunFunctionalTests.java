package io.tidings.response;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.InvalidInputException;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The response loop across runs: responses ingested after a run change what the next run
 * offers, and once there are enough of them the next run trains a new propensity model
 * version and records it on every decision it made with it.
 */
@SpringBootTest
class ResponsesChangeTheNextRunFunctionalTests {

	@TempDir
	static Path folder;

	/**
	 * Different people: matching merges records with one date of birth and like names.
	 */
	private static final String[] SURNAMES = { "Okafor", "Lindqvist", "Moreau", "Tanaka", "Brennan", "Kowalczyk",
			"Haddad", "Santos", "Varga", "Ibsen" };

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

	@Test
	void shouldRankByUpliftOnceContactedAndHeldOutCustomersResponded() throws Exception {
		// given a campaign holding half out of an offer: young and old customers
		Path job = TestCampaigns.smallCampaign(folder.resolve("uplift"));
		Path customers = folder.resolve("uplift/customers.csv");
		StringBuilder more = new StringBuilder(Files.readString(customers));
		for (int i = 1; i <= 60; i++) {
			more.append(
					"U%03d,Ms,Ada,%s,en,%d Quiet Lane,,N1 9GU,London,GB,,,%d-%02d-%02d,2000.00,GBP,,CURRENT_ACCOUNT,0,single,false,false,false,0\n"
						.formatted(i, SURNAMES[i % 10] + SURNAMES[i / 10], i, (i <= 30) ? 1995 : 1955, 1 + i % 12,
								1 + i % 28));
		}
		Files.writeString(customers, more);
		Files.writeString(folder.resolve("uplift/saver.yml"), "minimum-responses: 3\n");
		Files.writeString(folder.resolve("uplift/offers.yml"), """
				offers:
				  - code: UPLIFT_SAVER
				    name: Saver
				    margin: 100
				    eligibility: "true"
				    channels: [print]
				    model: saver.yml
				    content:
				      en: {headline: Save, body: Save more., call-to-action: Ask us, sms: Save more.}
				""");
		Files.writeString(job,
				Files.readString(job)
					.replace("campaign: quarterly-statements", "campaign: uplift-test")
					.replaceFirst("offers: .*", "offers: offers.yml") + "experiment:\n  control-group: 50%\n");
		RunReport first = this.runner.run(job, LocalDate.of(2025, 5, 31), false);
		assertThat(first.completed()).as(String.valueOf(first.failure())).isTrue();
		// and ranking by uplift is refused while no held-out customer has responded
		Path byUplift = Files.writeString(folder.resolve("uplift/by-uplift.yml"),
				Files.readString(job) + "ranking: uplift\n");
		assertThatThrownBy(() -> this.runner.run(byUplift, LocalDate.of(2025, 6, 30), true))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("offer UPLIFT_SAVER is ranked by uplift, but there is no uplift model: too few")
			.hasMessageContaining("control group 0 took it up");
		// when half the young bought when contacted and none when left alone (held out
		// again in the next run), the old only when left alone
		StringBuilder responses = new StringBuilder("customer_id,product,outcome,occurred_at,channel\n");
		List<String> young = new java.util.ArrayList<>();
		List<String> old = new java.util.ArrayList<>();
		for (int i = 1; i <= 60; i++) {
			String id = "U%03d".formatted(i);
			boolean heldOut = offer(first.run(), id).stateReason() != null
					&& offer(first.run(), id).stateReason().startsWith("control group");
			if (heldOut && i <= 30) {
				continue;
			}
			if (i <= 30 && i % 2 == 0) {
				responses.append(id).append(",UPLIFT_SAVER,purchased,2025-06-10T10:00:00Z,print\n");
			}
			else if (i > 30 && heldOut) {
				responses.append(id).append(",UPLIFT_SAVER,purchased,2025-06-10T10:00:00Z,branch\n");
			}
			else if (i > 30) {
				responses.append(id).append(",UPLIFT_SAVER,declined,2025-06-10T10:00:00Z,print\n");
				old.add(id);
			}
			else {
				young.add(id);
			}
		}
		this.ingest.ingestResponses(Files.writeString(folder.resolve("uplift/responses.csv"), responses));
		RunReport next = this.runner.run(byUplift, LocalDate.of(2025, 6, 30), false);
		// then the young who did not buy are offered it, ranked by uplift, and the old
		// who
		// declined it are left alone
		assertThat(next.completed()).as(String.valueOf(next.failure())).isTrue();
		assertThat(young).isNotEmpty();
		assertThat(old).isNotEmpty();
		for (String id : young) {
			Communication offer = offer(next.run(), id);
			assertThat(offer.offerCode()).as(id).isEqualTo("UPLIFT_SAVER");
			assertThat(offer.decisionReason()).contains("ranked by uplift 0.", " x margin 100.00 = incremental value ",
					", uplift model UPLIFT_SAVER v1");
			assertThat(offer.details().modelVersion()).isEqualTo("uplift model UPLIFT_SAVER v1");
		}
		for (String id : old) {
			Communication offer = offer(next.run(), id);
			assertThat(offer.offerCode()).as(id).isNull();
			assertThat(offer.stateReason()).contains("UPLIFT_SAVER (do not disturb: uplift -0.",
					"<= 0 from uplift model UPLIFT_SAVER v1)");
		}
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
