package io.tidings.sms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.csv.IngestReport;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.DeliveryEvent;
import io.tidings.outbox.DeliveryEvents;
import io.tidings.outbox.RunRef;
import io.tidings.policy.ConsentEvent;
import io.tidings.policy.ConsentRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Twilio's message log export after a real run through the Twilio SDK (against a local
 * fake): delivery receipts move the ledger, a STOP reply stops the next SMS to that
 * customer, START gives consent back, unknown messages are kept as unknown.
 */
@SpringBootTest
class SmsStatusIngestJobFunctionalTests {

	private static final String JOAO = "+351912345678";

	private static final String OLENA = "+380671234567";

	private static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());

	@TempDir
	static Path folder;

	@Autowired
	CampaignRunner runner;

	@Autowired
	CommunicationReaders readers;

	@Autowired
	SmsStatusIngest ingest;

	@Autowired
	DeliveryEvents events;

	@Autowired
	ConsentRegistry consents;

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
	void shouldApplyDeliveryReportsAndNotTextACustomerWhoRepliedStopInTheNextRun() throws Exception {
		// given a run that texted João and Olena
		TwilioFake.accept(twilio, JOAO, TwilioFake.sid("SM", 101));
		TwilioFake.accept(twilio, OLENA, TwilioFake.sid("SM", 102));
		Path job = TestCampaigns.smallCampaign(folder.resolve("stop"));
		RunReport first = this.runner.run(job, LocalDate.of(2026, 9, 30), false);
		assertThat(first.completed()).as(String.valueOf(first.failure())).isTrue();
		// and Twilio's export of the last minute: João's delivered,
		// Olena's undelivered, a message of
		// another
		// system, Olena's reply "Stop." and a row without a status
		Path export = folder.resolve("stop/messages.csv");
		Files.writeString(export,
				"""
						Sid,From,To,Body,Status,SentDate,ApiVersion,NumSegments,ErrorCode,AccountSid,Direction
						%1$s,+15005550006,+351912345678,,delivered,%7$s,2010-04-01,1,,%4$s,outbound-api
						%2$s,+15005550006,+380671234567,,undelivered,%7$s,2010-04-01,1,30003,%4$s,outbound-api
						%3$s,+15005550006,+447700900123,,delivered,%7$s,2010-04-01,1,,%4$s,outbound-api
						SM%5$s,+380671234567,+15005550006,Stop.,received,%8$s,2010-04-01,1,,%4$s,inbound
						SM%6$s,+15005550006,+351912345678,,,%7$s,2010-04-01,1,,%4$s,outbound-api
						""".formatted(TwilioFake.sid("SM", 101), TwilioFake.sid("SM", 102), TwilioFake.sid("SM", 999),
						"9".repeat(32), TwilioFake.ACCOUNT_SID, "8".repeat(32),
						twilioDate(LocalDateTime.now(ZoneOffset.UTC).minusMinutes(1)),
						twilioDate(LocalDateTime.now(ZoneOffset.UTC))));
		// when
		IngestReport report = this.ingest.ingest(export);
		// then
		assertThat(report.completed()).as(report.failure()).isTrue();
		assertThat(report.records()).isEqualTo(5);
		assertThat(report.rejected()).isEqualTo(1);
		assertThat(Files.readAllLines(report.rejectFile()).get(1)).startsWith("6,MessageStatus,");
		assertThat(only(sms(first.run()), "T002").state()).isEqualTo(CommunicationState.DELIVERED);
		Communication olena = only(sms(first.run()), "T005");
		assertThat(olena.state()).isEqualTo(CommunicationState.BOUNCED);
		assertThat(olena.stateReason()).isEqualTo("Twilio: undelivered, Twilio error 30003");
		assertThat(this.consents.consentHistory("T005")).last().satisfies(event -> {
			assertThat(event.granted()).isFalse();
			assertThat(event.channel()).isEqualTo(Channel.SMS);
			assertThat(event.source()).isEqualTo("sms-keyword:STOP");
		});
		assertThat(this.events.findByCustomer("T005")).extracting(DeliveryEvent::kind)
			.containsExactly(DeliveryEvent.Kind.UNDELIVERED, DeliveryEvent.Kind.OPT_OUT);
		// when the next run comes
		twilio.resetRequests();
		RunReport next = this.runner.run(job, LocalDate.of(2026, 10, 31), false);
		// then
		assertThat(next.completed()).as(String.valueOf(next.failure())).isTrue();
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioFake.MESSAGES)))).isNotEmpty()
			.noneSatisfy(request -> assertThat(request.getBodyAsString()).contains("380671234567"));
		assertThat(sms(next.run())).extracting(Communication::customerId).contains("T002").doesNotContain("T005");
		// when she replies START (Twilio's inbound webhook fields, with OptOutType)
		Path start = folder.resolve("stop/inbound.csv");
		Files.writeString(start, """
				MessageSid,AccountSid,From,To,Body,OptOutType
				SM%s,%s,+380671234567,+15005550006,start,START
				""".formatted("7".repeat(32), TwilioFake.ACCOUNT_SID));
		this.ingest.ingest(start);
		// then
		assertThat(this.consents.consentHistory("T005")).last()
			.extracting(ConsentEvent::granted, ConsentEvent::source)
			.containsExactly(true, "sms-keyword:START");
		RunReport after = this.runner.run(job, LocalDate.of(2026, 11, 30), false);
		assertThat(after.completed()).as(String.valueOf(after.failure())).isTrue();
		assertThat(only(sms(after.run()), "T005").state()).as("texted again (the drop is due later)")
			.isIn(CommunicationState.PLANNED, CommunicationState.RENDERED, CommunicationState.SENT);
		// when the export holds replies in Portuguese, Spanish, Ukrainian and Greek
		Path replies = folder.resolve("stop/replies.csv");
		Files.writeString(replies, """
				MessageSid,AccountSid,From,To,Body,Direction
				SM%1$s1,%2$s,+351912345678,+15005550006,Parar,inbound
				SM%1$s2,%2$s,+34612345678,+15005550006,"  baja!",inbound
				SM%1$s3,%2$s,+34612345678,+15005550006,ALTA,inbound
				SM%1$s4,%2$s,+380671234567,+15005550006,Допомога,inbound
				SM%1$s5,%2$s,+302101234567,+15005550006,Διακοπή,inbound
				""".formatted("6".repeat(31), TwilioFake.ACCOUNT_SID));
		IngestReport languages = this.ingest.ingest(replies);
		// then the same keyword policy as the webhook's applies them (a help request is
		// recorded, not answered: the file comes after the fact)
		assertThat(languages.rejected()).isZero();
		assertThat(this.consents.consentHistory("T002")).last()
			.extracting(ConsentEvent::granted, ConsentEvent::source)
			.containsExactly(false, "sms-keyword:PARAR");
		assertThat(this.consents.consentHistory("T009")).extracting(ConsentEvent::granted, ConsentEvent::source)
			.endsWith(tuple(false, "sms-keyword:BAJA"), tuple(true, "sms-keyword:ALTA"));
		assertThat(this.events.findByCustomer("T005")).last()
			.extracting(DeliveryEvent::kind, DeliveryEvent::status)
			.containsExactly(DeliveryEvent.Kind.HELP, "ДОПОМОГА");
		assertThat(this.events.findByCustomer("T009")).extracting(DeliveryEvent::kind)
			.containsExactly(DeliveryEvent.Kind.OPT_OUT, DeliveryEvent.Kind.OPT_IN);
	}

	private static String twilioDate(LocalDateTime time) {
		return time.withNano(0).toString().replace('T', ' ');
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
