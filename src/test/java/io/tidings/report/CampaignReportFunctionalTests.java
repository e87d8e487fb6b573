package io.tidings.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.DocumentKind;
import io.tidings.response.ResponseIngest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The campaign report after a real run with a control group and ingested responses.
 */
@SpringBootTest(properties = { "tidings.report.cost.print=0.80", "tidings.report.cost.email=0.01",
		"tidings.report.cost.sms=0.05" })
class CampaignReportFunctionalTests {

	@TempDir
	static Path folder;

	@Autowired
	CampaignRunner runner;

	@Autowired
	CommunicationReaders readers;

	@Autowired
	ResponseIngest ingest;

	@Autowired
	CampaignReports reports;

	@Autowired
	io.tidings.outbox.OutboxLedger ledger;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@Test
	void shouldReportLiftOverTheControlGroupDeliveryResponsesAndReasons() throws Exception {
		// given a run that held out part of the audience, and responses from most
		// contacted customers
		Path job = TestCampaigns.smallCampaign(folder.resolve("report"));
		Files.writeString(job, Files.readString(job) + "experiment:\n  control-group: 40%\n");
		RunReport run = this.runner.run(job, LocalDate.of(2026, 9, 30), false);
		assertThat(run.completed()).as(String.valueOf(run.failure())).isTrue();
		List<Communication> communications = new java.util.ArrayList<>();
		for (io.tidings.outbox.Channel channel : io.tidings.outbox.Channel.values()) {
			for (CommunicationState state : CommunicationState.values()) {
				this.readers.forEach(run.run(), channel, state, communications::add);
			}
		}
		List<Communication> offers = communications.stream()
			.filter(c -> c.kind() == DocumentKind.CROSS_SELL && c.state() != CommunicationState.SUPPRESSED
					&& c.state() != CommunicationState.FAILED)
			.toList();
		List<String> control = communications.stream()
			.filter(c -> "control-group".equals(c.reasonCode()))
			.map(Communication::customerId)
			.distinct()
			.toList();
		assertThat(offers).hasSizeGreaterThanOrEqualTo(3);
		assertThat(control).isNotEmpty();
		StringBuilder responses = new StringBuilder("customer_id,campaign,product,outcome,occurred_at,channel\n");
		for (Communication offer : offers.subList(0, offers.size() - 1)) {
			responses.append(offer.customerId())
				.append(",quarterly-statements,")
				.append(offer.offerCode())
				.append(",responded,2026-10-05T10:00:00Z,")
				.append(offer.channel().folder())
				.append('\n');
		}
		responses.append(control.get(0)).append(",,TERM_DEPOSIT,purchased,2026-10-06T10:00:00Z,branch\n");
		this.ingest.ingestResponses(Files.writeString(folder.resolve("report/responses-now.csv"), responses));
		// and a recipient who reported an offer email as spam
		Communication spam = offers.stream()
			.filter(c -> c.channel() == io.tidings.outbox.Channel.EMAIL)
			.findFirst()
			.orElseThrow();
		assertThat(this.ledger.markComplained(spam.id(), "email complaint abuse")).isTrue();
		// when
		CampaignReport report = this.reports.build("quarterly-statements");
		CampaignReportFiles.Written files = CampaignReportFiles.write(report, folder.resolve("out"));
		// then
		Lift lift = report.lift();
		assertThat(lift.treated()).isEqualTo(offers.size());
		assertThat(lift.treatedResponders()).isEqualTo(offers.size() - 1);
		assertThat(lift.control()).isEqualTo(control.size());
		assertThat(lift.controlResponders()).isEqualTo(1);
		double expected = (offers.size() - 1.0) / offers.size() - 1.0 / control.size();
		assertThat(lift.difference()).isCloseTo(expected, within(1e-9));
		assertThat(lift.low()).isLessThan(expected);
		assertThat(lift.high()).isGreaterThan(expected);
		assertThat(report.audience()).isEqualTo(10);
		assertThat(report.responses()).filteredOn(rate -> rate.dimension().equals("offer"))
			.extracting(CampaignReport.Rate::contacted)
			.containsOnly(offers.stream()
				.collect(java.util.stream.Collectors.groupingBy(Communication::offerCode))
				.values()
				.stream()
				.map(list -> (long) list.size())
				.toArray(Long[]::new));
		assertThat(report.responses()).filteredOn(rate -> rate.dimension().equals("offer"))
			.allSatisfy(rate -> assertThat(rate.complaints()).isEqualTo(rate.key().equals(spam.offerCode()) ? 1 : 0));
		assertThat(report.reasons()).anySatisfy(reason -> {
			assertThat(reason.group()).isEqualTo("SUPPRESSED");
			assertThat(reason.key()).isEqualTo("control-group");
			assertThat(reason.count()).isEqualTo(control.size());
		});
		assertThat(report.cost()).isPositive();
		assertThat(report.costPerResponse()).isPositive();
		List<String> csv = Files.readAllLines(files.csv());
		assertThat(csv.get(0)).isEqualTo("section,group,key,metric,value");
		assertThat(csv).contains("audience,quarterly-statements,,customers,10")
			.contains("lift,treated,,customers," + offers.size())
			.contains("responses,offer," + spam.offerCode() + ",complaints,1")
			.contains("lift,difference,,rate-difference," + String.format(java.util.Locale.ROOT, "%.4f", expected));
		String html = Files.readString(files.html());
		assertThat(html).contains("Lift over the control group")
			.contains("new Chart(document.getElementById('lift')")
			.contains("Chart.js v4")
			.doesNotContain("<script src=");
	}

}
