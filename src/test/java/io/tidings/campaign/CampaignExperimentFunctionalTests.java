package io.tidings.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.RunRef;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class CampaignExperimentFunctionalTests {

	@TempDir
	static Path folder;

	@Autowired
	CampaignRunner runner;

	@Autowired
	Communications communications;

	@Autowired
	DataSource dataSource;

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@Test
	void shouldHoldOutTheControlGroupFromMarketingButStillSendItsStatements() throws IOException {
		// given a campaign holding out half of its audience
		Path job = job("control", """
				experiment:
				  control-group: 50%
				""");
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 6, 30), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		List<Map<String, Object>> audience = audience(report.run());
		List<String> control = audience.stream()
			.filter(row -> Boolean.TRUE.equals(row.get("in_control_group")))
			.map(row -> (String) row.get("customer_id"))
			.toList();
		assertThat(control).isNotEmpty().hasSizeLessThan(audience.size());
		for (String customer : control) {
			Communication crossSell = only(report.run(), customer, DocumentKind.CROSS_SELL);
			assertThat(crossSell.state()).isEqualTo(CommunicationState.SUPPRESSED);
			assertThat(crossSell.stateReason()).startsWith("control group: no marketing");
			Communication statement = only(report.run(), customer, DocumentKind.STATEMENT);
			assertThat(statement.offerCode()).isNull();
			assertThat(statement.state()).isIn(CommunicationState.PRINTED, CommunicationState.FAILED,
					CommunicationState.SUPPRESSED);
		}
	}

	@Test
	void shouldRenderEachVariantWithItsOwnTemplateAndRecordTheAssignment() throws Exception {
		// given a challenger with another email subject
		Path folderOfJob = folder.resolve("variants");
		Path templates = folderOfJob.resolve("templates");
		TestFiles.copyTree(TestCampaigns.PROJECT.resolve("templates"), templates);
		Path emails = templates.resolve("email");
		Files.copy(emails.resolve("cross-sell.html.ftlh"), emails.resolve("challenger.html.ftlh"));
		Files.copy(emails.resolve("cross-sell.txt.ftl"), emails.resolve("challenger.txt.ftl"));
		Files.writeString(emails.resolve("challenger.subject.ftl"), "Challenger: ${offer.headline}\n");
		Path job = job("variants", """
				experiment:
				  variants:
				    - name: champion
				      share: 50%
				    - name: challenger
				      share: 50%
				      templates:
				        email: email/challenger.html.ftlh
				""");
		Files.writeString(job,
				Files.readString(job).replace(TestCampaigns.PROJECT + "/templates", templates.toString()));
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 7, 31), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		List<Communication> emailsSent = communications(report.run()).stream()
			.filter(c -> c.state() == CommunicationState.SENT && c.channel() == io.tidings.outbox.Channel.EMAIL)
			.toList();
		assertThat(emailsSent).extracting(c -> c.details().variant())
			.containsOnly("champion", "challenger")
			.contains("champion", "challenger");
		for (Communication email : emailsSent) {
			String subject;
			try (var in = Files.newInputStream(report.outputFolder().resolve("email").resolve(email.id() + ".eml"))) {
				subject = new jakarta.mail.internet.MimeMessage(
						jakarta.mail.Session.getInstance(new java.util.Properties()), in)
					.getSubject();
			}
			boolean challenger = "challenger".equals(email.details().variant());
			assertThat(email.template())
				.isEqualTo(challenger ? "email/challenger.html.ftlh" : "email/cross-sell.html.ftlh");
			assertThat(subject.startsWith("Challenger: ")).as(email.id().value()).isEqualTo(challenger);
			assertThat(email.details().templateVersion()).hasSize(12);
			assertThat(email.details().valueTier()).isIn("core", "high", "general");
		}
	}

	@Test
	void shouldGiveACappedOfferToTheCustomersItIsWorthMostForAndTheNextBestToTheOthers() throws IOException {
		// given an offers file where the mortgage may go to one customer only
		Path folderOfJob = folder.resolve("capped");
		Path job = job("capped", "");
		Path offers = folderOfJob.resolve("offers.yml");
		Files.writeString(offers, Files.readString(TestCampaigns.PROJECT.resolve("samples/offers.yml"))
			.replace("max-volume: 40", "max-volume: 1"));
		Files.writeString(job, Files.readString(job)
			.replace("offers: " + TestCampaigns.PROJECT + "/samples/offers.yml", "offers: offers.yml"));
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 9, 30), false);
		// then: T001 and T009 both qualify for the mortgage; one gets it, the other the
		// next best offer
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		List<Communication> mortgage = communications(report.run()).stream()
			.filter(c -> c.kind() == DocumentKind.CROSS_SELL && "MORTGAGE".equals(c.offerCode()))
			.toList();
		assertThat(mortgage).hasSize(1);
		String other = mortgage.get(0).customerId().equals("T001") ? "T009" : "T001";
		Communication second = only(report.run(), other, DocumentKind.CROSS_SELL);
		assertThat(second.offerCode()).isNotEqualTo("MORTGAGE");
		assertThat(second.decisionReason()).contains("MORTGAGE (volume cap or budget of 1 customers used up)");
	}

	private Path job(String name, String extra) throws IOException {
		Path job = TestCampaigns.smallCampaign(folder.resolve(name));
		Files.writeString(job, Files.readString(job) + extra);
		return job;
	}

	private List<Map<String, Object>> audience(RunRef run) {
		return JdbcClient.create(this.dataSource)
			.sql("SELECT customer_id, in_control_group, variant, value_tier FROM run_audience WHERE campaign = ? AND run_key = ?")
			.params(run.campaign(), run.runKey())
			.query()
			.listOfRows()
			.stream()
			.map(row -> {
				Map<String, Object> lower = new java.util.HashMap<>();
				row.forEach((key, value) -> lower.put(key.toLowerCase(java.util.Locale.ROOT), value));
				return lower;
			})
			.toList();
	}

	private List<Communication> communications(RunRef run) {
		return audience(run).stream()
			.flatMap(row -> this.communications.findByCustomer((String) row.get("customer_id")).stream())
			.filter(c -> c.run().equals(run))
			.toList();
	}

	private Communication only(RunRef run, String customerId, DocumentKind kind) {
		return this.communications.findByCustomer(customerId)
			.stream()
			.filter(c -> c.run().equals(run) && c.kind() == kind)
			.findFirst()
			.orElseThrow();
	}

}
