package io.tidings.sms;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;
import io.tidings.archive.DocumentArchive;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.RunRef;
import io.tidings.policy.ConsentRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SMS channel through the real Twilio SDK against a WireMock fake of the Twilio REST
 * API: what is posted, and how Twilio's errors end up in the ledger.
 */
@SpringBootTest
class TwilioSmsDeliveryFunctionalTests {

	private static final String ACCOUNT_SID = "AC00000000000000000000000000000000";

	private static final String AUTH_TOKEN = "test-token";

	private static final String FROM = "+15005550006";

	private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

	private static final String STATUS_CALLBACK = "https://hooks.bank.example/sms-status";

	private static final String JOAO = "+351912345678";

	private static final String OLENA = "+380671234567";

	private static final Map<String, String> NUMBERS = Map.of("T002", JOAO, "T005", OLENA);

	private static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());

	@TempDir
	static Path folder;

	@Autowired
	CampaignRunner runner;

	@Autowired
	CommunicationReaders readers;

	@Autowired
	DocumentArchive archive;

	@Autowired
	ConsentRegistry consents;

	@Autowired
	SmsReports smsReports;

	@BeforeAll
	static void startTwilio() {
		twilio.start();
	}

	@AfterAll
	static void stopTwilio() {
		twilio.stop();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
		registry.add("tidings.sms.account-sid", () -> ACCOUNT_SID);
		registry.add("tidings.sms.auth-token", () -> AUTH_TOKEN);
		registry.add("tidings.sms.from", () -> FROM);
		registry.add("tidings.sms.base-url", () -> "http://localhost:" + twilio.port());
		registry.add("tidings.sms.status-callback-url", () -> STATUS_CALLBACK);
		registry.add("tidings.run.retries", () -> "1");
		registry.add("tidings.run.retry-delay", () -> "10ms");
		registry.add("tidings.sms.timeout", () -> "4s");
	}

	@BeforeEach
	void resetTwilio() {
		twilio.resetAll();
	}

	@Test
	void shouldSendEverySmsThroughTwilioWithTheCommunicationIdInTheStatusCallback() throws Exception {
		// given
		acceptMessageTo(JOAO, 1);
		acceptMessageTo(OLENA, 2);
		Path job = TestCampaigns.smallCampaign(folder.resolve("sent"));
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 9, 30), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		List<Communication> sms = sms(report.run());
		assertThat(sms).extracting(Communication::customerId).containsExactlyInAnyOrder("T002", "T005");
		List<LoggedRequest> requests = twilio.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(2);
		String basic = "Basic "
				+ Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
		for (Communication message : sms) {
			String to = NUMBERS.get(message.customerId());
			List<LoggedRequest> posted = requests.stream()
				.filter((request) -> request.formParameter("To").isPresent()
						&& to.equals(request.formParameter("To").firstValue()))
				.toList();
			assertThat(posted).as("requests to %s", message.customerId()).hasSize(1);
			LoggedRequest request = posted.get(0);
			assertThat(request.getMethod().value()).isEqualTo("POST");
			assertThat(request.getUrl()).isEqualTo(MESSAGES);
			assertThat(request.getHeader("Authorization")).isEqualTo(basic);
			assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
			assertThat(request.formParameter("From").firstValue()).isEqualTo(FROM);
			SmsMessage archived = SmsMessage.fromJson(Files.readAllBytes(this.archive.resolve(message.archivePath())));
			assertThat(archived.to()).isEqualTo(to);
			assertThat(request.formParameter("Body").firstValue()).isEqualTo(archived.body())
				.startsWith("Tidings Bank:");
			assertThat(request.formParameter("StatusCallback").firstValue())
				.isEqualTo(STATUS_CALLBACK + "?communicationId=" + message.id());
			assertThat(request.formParameters()).containsOnlyKeys("To", "From", "Body", "StatusCallback");
			assertThat(message.state()).isEqualTo(CommunicationState.SENT);
			assertThat(message.deliveryRef()).isEqualTo(sid(to.equals(JOAO) ? 1 : 2));
		}
		assertThat(report.outputFolder().resolve("sms/outbox.jsonl")).doesNotExist();
		assertThat(report.outputFolder().resolve(Channel.SMS.folder())).doesNotExist();
	}

	@Test
	void shouldFailTheSmsTwilioRefusesAndSendTheOther() {
		// given
		acceptMessageTo(JOAO, 3);
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo(OLENA))
			.willReturn(twilioError(400, 21211, "The 'To' number " + OLENA + " is not a valid phone number.")));
		Path job = TestCampaigns.smallCampaign(folder.resolve("invalid-number"));
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 8, 31), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		List<Communication> sms = sms(report.run());
		Communication refused = only(sms, "T005");
		assertThat(refused.state()).isEqualTo(CommunicationState.FAILED);
		assertThat(refused.stateReason()).contains("Twilio error 21211")
			.contains("The 'To' number " + OLENA + " is not a valid phone number.");
		assertThat(refused.deliveryRef()).isNull();
		Communication sent = only(sms, "T002");
		assertThat(sent.state()).isEqualTo(CommunicationState.SENT);
		assertThat(sent.deliveryRef()).isEqualTo(sid(3));
		assertThat(twilio.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
	}

	@Test
	void shouldLeaveTheSmsRenderedWhenTwilioKeepsThrottlingAndSendThemWhenTheRunResumes() {
		// given
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(twilioError(429, 20429, "Too Many Requests")));
		Path job = TestCampaigns.smallCampaign(folder.resolve("throttled"));
		LocalDate asOf = LocalDate.of(2026, 7, 31);
		// when
		RunReport throttled = this.runner.run(job, asOf, false);
		// then
		assertThat(throttled.completed()).isFalse();
		assertThat(throttled.failure()).contains("Too Many Requests");
		assertThat(sms(throttled.run())).hasSize(2).allSatisfy((message) -> {
			assertThat(message.state()).isEqualTo(CommunicationState.RENDERED);
			assertThat(message.stateReason()).isNull();
			assertThat(message.deliveryRef()).isNull();
		});
		// the SMS already on a delivery thread when the first one failed for good went
		// on; then the run stopped
		Map<String, Long> attempts = twilio.findAll(anyRequestedFor(anyUrl()))
			.stream()
			.collect(Collectors.groupingBy((request) -> request.formParameter("To").firstValue(),
					Collectors.counting()));
		assertThat(attempts).as("one try and one retry of each SMS in flight").isNotEmpty().allSatisfy((to, tries) -> {
			assertThat(NUMBERS).containsValue(to);
			assertThat(tries).isEqualTo(2);
		});
		// when
		twilio.resetAll();
		acceptMessageTo(JOAO, 4);
		acceptMessageTo(OLENA, 5);
		RunReport resumed = this.runner.run(job, asOf, false);
		// then
		assertThat(resumed.completed()).as(String.valueOf(resumed.failure())).isTrue();
		assertThat(resumed.resumed()).isTrue();
		List<Communication> sms = sms(resumed.run());
		assertThat(only(sms, "T002").state()).isEqualTo(CommunicationState.SENT);
		assertThat(only(sms, "T002").deliveryRef()).isEqualTo(sid(4));
		assertThat(only(sms, "T005").state()).isEqualTo(CommunicationState.SENT);
		assertThat(only(sms, "T005").deliveryRef()).isEqualTo(sid(5));
		assertThat(twilio.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
	}

	@Test
	void shouldRetryAThrottledSmsAndSendItOnce() {
		// given Twilio answers 429 (error 20429) once, then accepts
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("throttled")
			.whenScenarioStateIs(Scenario.STARTED)
			.withFormParam("To", equalTo(JOAO))
			.willReturn(twilioError(429, 20429, "Too Many Requests"))
			.willSetStateTo("accepted"));
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("throttled")
			.whenScenarioStateIs("accepted")
			.withFormParam("To", equalTo(JOAO))
			.willReturn(created(JOAO, 6)));
		acceptMessageTo(OLENA, 7);
		Path job = TestCampaigns.smallCampaign(folder.resolve("throttled-once"));
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 6, 30), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		assertThat(only(sms(report.run()), "T002").state()).isEqualTo(CommunicationState.SENT);
		assertThat(only(sms(report.run()), "T002").deliveryRef()).isEqualTo(sid(6));
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(containing("912345678"))))
			.as("one throttled try and one that went through")
			.hasSize(2);
	}

	@Test
	void shouldRetryAnSmsTwilioFailsWithA500AndSendItOnce() {
		// given Twilio answers 500 once, then accepts
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("failing")
			.whenScenarioStateIs(Scenario.STARTED)
			.withFormParam("To", equalTo(JOAO))
			.willReturn(twilioError(500, 20500, "Internal Server Error"))
			.willSetStateTo("recovered"));
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("failing")
			.whenScenarioStateIs("recovered")
			.withFormParam("To", equalTo(JOAO))
			.willReturn(created(JOAO, 10)));
		acceptMessageTo(OLENA, 11);
		Path job = TestCampaigns.smallCampaign(folder.resolve("server-error"));
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 3, 31), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		assertThat(only(sms(report.run()), "T002").state()).isEqualTo(CommunicationState.SENT);
		assertThat(only(sms(report.run()), "T002").deliveryRef()).isEqualTo(sid(10));
		assertThat(only(sms(report.run()), "T005").deliveryRef()).isEqualTo(sid(11));
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(containing("912345678"))))
			.as("one failed try and one that went through")
			.hasSize(2);
	}

	@Test
	void shouldRecordAnSmsTwilioDoesNotAnswerInTimeAsInDoubtNeverSendItAgainAndSettleItByItsStatusCallback() {
		// given Twilio takes 6 s to answer for Olena, past the 2 s time-out
		acceptMessageTo(JOAO, 12);
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo(OLENA))
			.willReturn(created(OLENA, 13).withFixedDelay(6_000)));
		Path job = TestCampaigns.smallCampaign(folder.resolve("time-out"));
		long started = System.nanoTime();
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 2, 28), false);
		// then the run did not wait for Twilio, nor send the message again
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
			.isLessThan(java.time.Duration.ofSeconds(60));
		Communication unanswered = only(sms(report.run()), "T005");
		assertThat(unanswered.state()).isEqualTo(CommunicationState.SENT);
		assertThat(unanswered.reasonCode()).isEqualTo("in-doubt");
		assertThat(unanswered.stateReason()).contains("Twilio did not answer in time");
		assertThat(only(sms(report.run()), "T002").deliveryRef()).isEqualTo(sid(12));
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo(OLENA))))
			.as("never sent again")
			.hasSize(1);
		assertThat(report.warnings())
			.anySatisfy(warning -> assertThat(warning).startsWith("1 communication(s) in doubt"));
		// when Twilio's status callback says it was delivered after all
		this.smsReports.apply(SmsReport.of(Map.of("MessageSid", sid(13), "MessageStatus", "delivered",
				"communicationId", unanswered.id().value())::get), "webhook", 0);
		// then
		Communication settled = only(sms(report.run()), "T005");
		assertThat(settled.state()).isEqualTo(CommunicationState.DELIVERED);
		assertThat(settled.reasonCode()).isNull();
		// and a new run sends nothing more
		assertThat(this.runner.run(job, LocalDate.of(2026, 2, 28), false).alreadyComplete()).isTrue();
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(2);
	}

	@Test
	void shouldRecordAnOptOutWhenTwilioSaysTheRecipientUnsubscribedAndNotTextThemAgain() {
		// given Olena replied STOP to an earlier message: Twilio refuses with 21610
		acceptMessageTo(JOAO, 8);
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo(OLENA))
			.willReturn(twilioError(400, 21610, "Attempt to send to unsubscribed recipient")));
		Path job = TestCampaigns.smallCampaign(folder.resolve("unsubscribed"));
		try {
			shouldSuppressAndNotTextAgain(job);
		}
		finally {
			// the other tests of this class text the same customers
			this.consents.recordOptIn("T005", Channel.SMS, "test", OffsetDateTime.now().plusDays(1));
		}
	}

	private void shouldSuppressAndNotTextAgain(Path job) {
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 5, 31), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		Communication refused = only(sms(report.run()), "T005");
		assertThat(refused.state()).isEqualTo(CommunicationState.SUPPRESSED);
		assertThat(refused.reasonCode()).isEqualTo("opted-out");
		assertThat(refused.stateReason()).contains("21610");
		assertThat(this.consents.consentHistory("T005"))
			.anySatisfy(event -> assertThat(event.source()).isEqualTo("provider:sms"));
		// when the next run comes
		twilio.resetRequests();
		RunReport next = this.runner.run(job, LocalDate.of(2026, 6, 1), false);
		// then
		assertThat(next.completed()).as(String.valueOf(next.failure())).isTrue();
		assertThat(sms(next.run())).extracting(Communication::customerId).doesNotContain("T005");
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo(OLENA))))
			.isEmpty();
	}

	@Test
	void shouldFailAnSmsLongerThanTheCampaignsSegmentLimit() throws Exception {
		// given a campaign that allows one segment, and an SMS template with a Cyrillic
		// sign-off: one character outside GSM-7 makes the whole text UCS-2 (70 a segment)
		acceptMessageTo(JOAO, 9);
		acceptMessageTo(OLENA, 10);
		Path job = TestCampaigns.smallCampaign(folder.resolve("one-segment"));
		Path templates = folder.resolve("one-segment/templates");
		FileSystemUtils.copyRecursively(TestCampaigns.PROJECT.resolve("templates"), templates);
		Files.writeString(templates.resolve("sms/cross-sell.ftl"), "${sender.name}: ${offer.sms} Дякуємо!\n");
		Files.writeString(job,
				Files.readString(job)
					.replace(TestCampaigns.PROJECT.resolve("templates").toString(), templates.toString())
						+ "sms:\n  max-segments: 1\n");
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 4, 30), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		assertThat(sms(report.run())).hasSize(2).allSatisfy(refused -> {
			assertThat(refused.state()).isEqualTo(CommunicationState.FAILED);
			assertThat(refused.stateReason()).contains("UCS-2").endsWith("the limit is 1");
		});
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).isEmpty();
	}

	private List<Communication> sms(RunRef run) {
		List<Communication> sms = new ArrayList<>();
		for (CommunicationState state : CommunicationState.values()) {
			this.readers.forEach(run, Channel.SMS, state, sms::add);
		}
		return sms;
	}

	private static Communication only(List<Communication> communications, String customerId) {
		List<Communication> found = communications.stream()
			.filter((communication) -> communication.customerId().equals(customerId))
			.toList();
		assertThat(found).as("communications of %s", customerId).hasSize(1);
		return found.get(0);
	}

	/**
	 * Twilio answers a created message with 201 and the Message resource.
	 */
	private static void acceptMessageTo(String to, int index) {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).withBasicAuth(ACCOUNT_SID, AUTH_TOKEN)
			.withFormParam("To", equalTo(to))
			.willReturn(created(to, index)));
	}

	private static ResponseDefinitionBuilder created(String to, int index) {
		String sid = sid(index);
		return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
				{
				  "account_sid": "%1$s",
				  "api_version": "2010-04-01",
				  "body": "Tidings Bank: (as sent)",
				  "date_created": "Thu, 01 Oct 2026 06:00:00 +0000",
				  "date_sent": null,
				  "date_updated": "Thu, 01 Oct 2026 06:00:00 +0000",
				  "direction": "outbound-api",
				  "error_code": null,
				  "error_message": null,
				  "from": "%2$s",
				  "messaging_service_sid": null,
				  "num_media": "0",
				  "num_segments": "1",
				  "price": null,
				  "price_unit": "USD",
				  "sid": "%3$s",
				  "status": "queued",
				  "subresource_uris": {
				    "media": "/2010-04-01/Accounts/%1$s/Messages/%3$s/Media.json"
				  },
				  "to": "%4$s",
				  "uri": "/2010-04-01/Accounts/%1$s/Messages/%3$s.json"
				}
				""".formatted(ACCOUNT_SID, FROM, sid, to));
	}

	private static ResponseDefinitionBuilder twilioError(int status, int code, String message) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("""
				{"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}
				""".formatted(code, message, code, status));
	}

	private static String sid(int index) {
		return "SM%032d".formatted(index);
	}

}
