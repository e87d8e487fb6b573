package io.tidings.webhook;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DeliveryEvent;
import io.tidings.outbox.DeliveryEvents;
import io.tidings.outbox.RunRef;
import io.tidings.policy.ConsentRegistry;
import io.tidings.sms.TwilioFake;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Twilio's webhooks over real HTTP, signed as Twilio signs them (HMAC-SHA1 of the public
 * URL and the sorted POST parameters, keyed with the auth token), after a real run that
 * sent SMS through the Twilio SDK to a local fake.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet",
				"tidings.sms.webhook-base-url=https://hooks.bank.example",
				"tidings.sms.status-callback-url=https://hooks.bank.example/webhooks/twilio/status" })
class TwilioWebhookFunctionalTests {

	private static final String PUBLIC = "https://hooks.bank.example";

	private static final String REFUSED_WARNING = "without a valid X-Twilio-Signature";

	private static final String JOAO = "+351912345678";

	private static final String OLENA = "+380671234567";

	private static final String JOSE = "+34612345678";

	private static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());

	private static final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	static Path folder;

	@LocalServerPort
	int port;

	@Autowired
	CampaignRunner runner;

	@Autowired
	Communications communications;

	@Autowired
	CommunicationReaders readers;

	@Autowired
	DeliveryEvents events;

	@Autowired
	ConsentRegistry consents;

	@Autowired
	javax.sql.DataSource dataSource;

	@Autowired
	MeterRegistry meters;

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
		registry.add("tidings.sms.account-sid", () -> TwilioFake.ACCOUNT_SID);
		registry.add("tidings.sms.auth-token", () -> TwilioFake.AUTH_TOKEN);
		registry.add("tidings.sms.from", () -> TwilioFake.FROM);
		registry.add("tidings.sms.base-url", () -> "http://localhost:" + twilio.port());
	}

	@Test
	void shouldApplyASignedStatusCallbackAndRefuseOneWithABadSignature() throws Exception {
		// given a run that texted João, and the status callback URL Twilio got for it
		RunRef run = sendSms(LocalDate.of(2026, 9, 30), 201, 202);
		Communication joao = only(sms(run), "T002");
		String callback = twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioFake.MESSAGES)))
			.stream()
			.filter(request -> request.formParameters().get("To").firstValue().equals(JOAO))
			.map(request -> request.formParameters().get("StatusCallback").firstValue())
			.findFirst()
			.orElseThrow();
		assertThat(callback).isEqualTo(PUBLIC + "/webhooks/twilio/status?communicationId=" + joao.id());
		Map<String, String> delivered = Map.of("MessageSid", joao.deliveryRef(), "MessageStatus", "delivered",
				"AccountSid", TwilioFake.ACCOUNT_SID, "From", TwilioFake.FROM, "To", JOAO, "ApiVersion", "2010-04-01");
		// when someone posts it with a signature made with another token
		HttpResponse<String> forged = post(callback, delivered, sign("not-the-token", callback, delivered));
		// then
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(this.communications.find(joao.id()).orElseThrow().state()).isEqualTo(CommunicationState.SENT);
		assertThat(this.events.findByCustomer("T002")).isEmpty();
		// when Twilio posts it
		HttpResponse<String> signed = post(callback, delivered, sign(TwilioFake.AUTH_TOKEN, callback, delivered));
		// then
		assertThat(signed.statusCode()).isEqualTo(200);
		assertThat(this.communications.find(joao.id()).orElseThrow().state()).isEqualTo(CommunicationState.DELIVERED);
		// when Twilio retries it
		assertThat(post(callback, delivered, sign(TwilioFake.AUTH_TOKEN, callback, delivered)).statusCode())
			.isEqualTo(200);
		// then it counts once
		assertThat(this.events.findByCustomer("T002")).singleElement()
			.extracting(DeliveryEvent::kind)
			.isEqualTo(DeliveryEvent.Kind.DELIVERED);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void shouldCountRefusedCallsAndWarnOfThemAtMostOnceAMinute(CapturedOutput output) throws Exception {
		// given
		String callback = PUBLIC + "/webhooks/twilio/status?communicationId=00000000-0000-5000-8000-000000000000";
		Map<String, String> forged = Map.of("MessageSid", "SM0", "MessageStatus", "delivered");
		double before = this.meters.get("tidings.webhook.refused").counter().count();
		int logged = output.getAll().split(REFUSED_WARNING, -1).length;
		// when five forged calls come in a row
		for (int call = 0; call < 5; call++) {
			assertThat(post(callback, forged, sign("not-the-token", callback, forged)).statusCode()).isEqualTo(403);
		}
		// then each is counted, and at most one warned of
		assertThat(this.meters.get("tidings.webhook.refused").counter().count()).isEqualTo(before + 5);
		assertThat(output.getAll().split(REFUSED_WARNING, -1).length - logged).isLessThanOrEqualTo(1);
	}

	@Test
	void shouldAnswerAStatusOfAnUnknownCommunicationWithOkAndKeepItAsUnknown() throws Exception {
		// given
		String callback = PUBLIC + "/webhooks/twilio/status?communicationId=00000000-0000-5000-8000-000000000000";
		Map<String, String> failed = Map.of("MessageSid", TwilioFake.sid("SM", 777), "MessageStatus", "failed",
				"ErrorCode", "30008", "AccountSid", TwilioFake.ACCOUNT_SID);
		// when
		HttpResponse<String> response = post(callback, failed, sign(TwilioFake.AUTH_TOKEN, callback, failed));
		// then
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JdbcClient.create(this.dataSource)
			.sql("SELECT kind FROM delivery_event WHERE communication_id = '00000000-0000-5000-8000-000000000000'")
			.query(String.class)
			.list()).containsExactly("UNKNOWN");
	}

	@Test
	void shouldOptOutACustomerWhoRepliesStopAndNotTextThemInTheNextRun() throws Exception {
		// given a run that texted Olena
		sendSms(LocalDate.of(2026, 6, 30), 301, 302);
		String inbound = PUBLIC + "/webhooks/twilio/inbound";
		Map<String, String> stop = Map.of("MessageSid", TwilioFake.sid("SM", 303), "AccountSid", TwilioFake.ACCOUNT_SID,
				"From", OLENA, "To", TwilioFake.FROM, "Body", "STOPALL", "NumMedia", "0", "OptOutType", "STOP");
		// when she replies
		HttpResponse<String> response = post(inbound, stop, sign(TwilioFake.AUTH_TOKEN, inbound, stop));
		// then
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/xml"));
		assertThat(response.body()).contains("<Response></Response>");
		assertThat(this.consents.consentHistory("T005")).last().satisfies(event -> {
			assertThat(event.granted()).isFalse();
			assertThat(event.channel()).isEqualTo(Channel.SMS);
		});
		// when the next run comes
		RunRef next = sendSms(LocalDate.of(2026, 7, 31), 304, 305);
		// then
		assertThat(sms(next)).extracting(Communication::customerId).doesNotContain("T005");
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioFake.MESSAGES))))
			.noneSatisfy(request -> assertThat(request.getBodyAsString()).contains("380671234567"));
	}

	@Test
	void shouldHonourKeywordsInTheCustomersLanguagesAndAnswerEachHelpRequestOnce() throws Exception {
		// given a run that imported José (Spanish, T009 after merging his duplicate) and
		// Olena (Ukrainian)
		sendSms(LocalDate.of(2026, 3, 31), 401, 402);
		String inbound = PUBLIC + "/webhooks/twilio/inbound";
		// when José replies BAJA, a word Twilio's own opt-out does not know
		HttpResponse<String> baja = reply(inbound, 403, JOSE, " Baja ");
		// then he is opted out of SMS, and nothing is answered
		assertThat(baja.body()).contains("<Response></Response>");
		assertThat(this.consents.consentHistory("T009")).last().satisfies(event -> {
			assertThat(event.granted()).isFalse();
			assertThat(event.channel()).isEqualTo(Channel.SMS);
			assertThat(event.source()).isEqualTo("sms-keyword:BAJA");
		});
		// when he asks for help, and Twilio retries that call
		HttpResponse<String> ayuda = reply(inbound, 404, JOSE, "ayuda");
		HttpResponse<String> retried = reply(inbound, 404, JOSE, "ayuda");
		// then the help text in Spanish answers it, once
		assertThat(ayuda.body())
			.contains("<Response><Message>Ayuda: Tidings Bank, +351 210 000 000. BAJA para darte de baja</Message>");
		assertThat(retried.body()).contains("<Response></Response>");
		// when he replies ALTA
		reply(inbound, 405, JOSE, "Alta.");
		// then he is opted in again, and his history shows each reply
		assertThat(this.consents.consentHistory("T009")).last().satisfies(event -> {
			assertThat(event.granted()).isTrue();
			assertThat(event.source()).isEqualTo("sms-keyword:ALTA");
		});
		assertThat(this.events.findByCustomer("T009")).extracting(DeliveryEvent::kind, DeliveryEvent::status)
			.containsExactly(tuple(DeliveryEvent.Kind.OPT_OUT, "BAJA"), tuple(DeliveryEvent.Kind.HELP, "AYUDA"),
					tuple(DeliveryEvent.Kind.OPT_IN, "ALTA"));
		// when Olena asks for help in Ukrainian, and someone who is no customer in Greek
		HttpResponse<String> olena = reply(inbound, 406, OLENA, "Допомога!");
		HttpResponse<String> stranger = reply(inbound, 407, "+302101234567", "Βοήθεια");
		// then each is answered in their language
		assertThat(olena.body()).contains("<Message>Допомога: Tidings Bank, +351 210 000 000. STOP - відписатися");
		assertThat(stranger.body()).contains("<Message>Βοήθεια: Tidings Bank, +351 210 000 000. STOP για διαγραφή");
		// when Twilio's Advanced Opt-Out answered a help request itself
		HttpResponse<String> answered = post(inbound, replyOf(408, OLENA, "HELP", "HELP"),
				sign(TwilioFake.AUTH_TOKEN, inbound, replyOf(408, OLENA, "HELP", "HELP")));
		// then Tidings only records it
		assertThat(answered.body()).contains("<Response></Response>");
		assertThat(this.events.findByCustomer("T005")).filteredOn(event -> event.kind() == DeliveryEvent.Kind.HELP)
			.hasSize(2);
	}

	private HttpResponse<String> reply(String inbound, int sid, String from, String body) throws Exception {
		Map<String, String> parameters = replyOf(sid, from, body, null);
		return post(inbound, parameters, sign(TwilioFake.AUTH_TOKEN, inbound, parameters));
	}

	private static Map<String, String> replyOf(int sid, String from, String body, String optOutType) {
		Map<String, String> parameters = new TreeMap<>(Map.of("MessageSid", TwilioFake.sid("SM", sid), "AccountSid",
				TwilioFake.ACCOUNT_SID, "From", from, "To", TwilioFake.FROM, "Body", body, "NumMedia", "0"));
		if (optOutType != null) {
			parameters.put("OptOutType", optOutType);
		}
		return parameters;
	}

	private RunRef sendSms(LocalDate asOf, int joaoSid, int olenaSid) {
		twilio.resetAll();
		TwilioFake.accept(twilio, JOAO, TwilioFake.sid("SM", joaoSid));
		TwilioFake.accept(twilio, OLENA, TwilioFake.sid("SM", olenaSid));
		RunReport report = this.runner.run(TestCampaigns.smallCampaign(folder.resolve("run-" + asOf)), asOf, false);
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		return report.run();
	}

	/** Posts what Twilio posts to a public URL, to the local server. */
	private HttpResponse<String> post(String publicUrl, Map<String, String> parameters, String signature)
			throws Exception {
		String body = parameters.entrySet()
			.stream()
			.map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		URI local = URI.create(publicUrl.replace(PUBLIC, "http://localhost:" + this.port));
		return http.send(HttpRequest.newBuilder(local)
			.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
			.header("X-Twilio-Signature", signature)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Twilio's request signature: Base64 of HMAC-SHA1 over the full URL followed by each
	 * POST parameter's name and value, sorted by name.
	 */
	private static String sign(String token, String url, Map<String, String> parameters) throws Exception {
		StringBuilder data = new StringBuilder(url);
		new TreeMap<>(parameters).forEach((name, value) -> data.append(name).append(value));
		Mac mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
		return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
	}

	private List<Communication> sms(RunRef run) {
		List<Communication> sms = new ArrayList<>();
		for (CommunicationState state : CommunicationState.values()) {
			this.readers.forEach(run, Channel.SMS, state, sms::add);
		}
		return sms;
	}

	private static Communication only(List<Communication> communications, String customerId) {
		return communications.stream()
			.filter(communication -> communication.customerId().equals(customerId))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no communication for " + customerId + " in " + communications));
	}

}
