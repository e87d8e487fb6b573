package io.tidings.email;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MailDateFormat;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.csv.IngestReport;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DeliveryEvent;
import io.tidings.outbox.DeliveryEvents;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.RunRef;
import io.tidings.policy.ConsentRegistry;
import io.tidings.policy.SuppressionEntry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.tidings.email.DeliveryStatusNotifications.mbox;
import static io.tidings.email.DeliveryStatusNotifications.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports shaped like the ones mail servers really send (samples in {@code data/}),
 * through the bounce ingest job after a real run: delay warnings are reports, not
 * bounces; each recipient of a report is matched to the email sent to that recipient; an
 * address is suppressed once; a report dated before its email was sent, or in the future,
 * is refused; a complaint (ARF) stops marketing email to the address.
 */
@SpringBootTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryReportsJobFunctionalTests {

	@TempDir
	static Path folder;

	static GreenMail mailServer;

	@Autowired
	CampaignRunner runner;

	@Autowired
	Communications communications;

	@Autowired
	CommunicationReaders readers;

	@Autowired
	BounceIngest bounces;

	@Autowired
	DeliveryEvents events;

	@Autowired
	ConsentRegistry consents;

	@Autowired
	CustomerRepository customers;

	@BeforeAll
	static void startMailServer() {
		mailServer = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		mailServer.start();
	}

	@AfterAll
	static void stopMailServer() {
		mailServer.stop();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
		registry.add("spring.mail.host", () -> mailServer.getSmtp().getBindTo());
		registry.add("spring.mail.port", () -> mailServer.getSmtp().getPort());
		registry.add("tidings.email.message-id-domain", () -> "mail.bank.example");
	}

	@Test
	void shouldRecordPostfixDelayWarningsWithoutBouncingOrSuppressing() throws Exception {
		// given a run that emailed Wang, and three Postfix warnings that his server is
		// still being retried
		Communication wang = only(emails(run("delayed", LocalDate.of(2026, 6, 30))), "T004");
		String address = "wang.xiaoming@example.com";
		Path file = folder.resolve("delayed/warnings.mbox");
		Files.writeString(file,
				mbox(delayed(wang, address, "4"), delayed(wang, address, "8"), delayed(wang, address, "12")));
		// when
		IngestReport report = this.bounces.ingest(file);
		// then
		assertThat(report.completed()).as(report.failure()).isTrue();
		assertThat(report.accepted()).isEqualTo(3);
		Communication after = this.communications.find(wang.id()).orElseThrow();
		assertThat(after.state()).isEqualTo(CommunicationState.SENT);
		assertThat(after.reasonCode()).isNull();
		assertThat(this.events.findByCustomer("T004")).hasSize(3).allSatisfy(event -> {
			assertThat(event.kind()).isEqualTo(DeliveryEvent.Kind.DELAYED);
			assertThat(event.status()).isEqualTo("4.4.1");
			assertThat(event.communicationId()).isEqualTo(wang.id().value());
		});
		assertThat(suppressions("T004")).isEmpty();
		// when the server gives up, reported twice
		Path failed = folder.resolve("delayed/failed.mbox");
		Files.writeString(failed, mbox(DeliveryStatusNotifications.aSoftBounce("f1", address, wang.deliveryRef()),
				DeliveryStatusNotifications.aSoftBounce("f2", address, wang.deliveryRef())));
		this.bounces.ingest(failed);
		// then one email failed once: no warning counts
		assertThat(this.communications.find(wang.id()).orElseThrow().stateReason()).contains("soft bounce 1 of 3");
		assertThat(suppressions("T004")).isEmpty();
	}

	@Test
	void shouldMatchEachRecipientOfAReportToTheEmailSentToThatRecipient() throws Exception {
		// given a run that emailed Ann and José, and a report on Ann's email with a delay
		// for Ann and a full mailbox for José
		List<Communication> emails = emails(run("multi", LocalDate.of(2026, 7, 31)));
		Communication ann = only(emails, "T006");
		Communication jose = only(emails, "T009");
		Path file = folder.resolve("multi/report.eml");
		Files.writeString(file, sample("multi-recipient.eml", Map.of("MESSAGE_ID", ann.deliveryRef(), "RECIPIENT",
				"ann.obrien@example.com", "OTHER", "jose.garcia@example.com")));
		// when
		IngestReport report = this.bounces.ingest(file);
		// then
		assertThat(report.completed()).as(report.failure()).isTrue();
		assertThat(report.accepted()).isEqualTo(1);
		assertThat(this.events.findByCustomer("T006")).singleElement().satisfies(event -> {
			assertThat(event.kind()).isEqualTo(DeliveryEvent.Kind.DELAYED);
			assertThat(event.communicationId()).isEqualTo(ann.id().value());
		});
		assertThat(this.events.findByCustomer("T009")).singleElement().satisfies(event -> {
			assertThat(event.kind()).isEqualTo(DeliveryEvent.Kind.SOFT_BOUNCE);
			assertThat(event.status()).isEqualTo("4.2.2");
			assertThat(event.communicationId()).isEqualTo(jose.id().value());
		});
		assertThat(this.communications.find(ann.id()).orElseThrow().reasonCode()).isNull();
		assertThat(this.communications.find(jose.id()).orElseThrow().stateReason()).contains("4.2.2")
			.contains("soft bounce 1 of 3");
	}

	@Test
	void shouldBounceAndSuppressAnUnknownUserOnceHoweverOftenReported() throws Exception {
		// given a run that emailed Zoë, and two Postfix reports that she is unknown
		Communication zoe = only(emails(run("hard", LocalDate.of(2026, 8, 31))), "T001");
		Path file = folder.resolve("hard/bounces.mbox");
		Map<String, String> values = Map.of("MESSAGE_ID", zoe.deliveryRef(), "RECIPIENT", "zoe@example.com");
		Files.writeString(file, mbox(sample("postfix-hard-5.1.1.eml", values), sample("postfix-hard-5.1.1.eml",
				Map.of("MESSAGE_ID", zoe.deliveryRef(), "RECIPIENT", "zoe@example.com", "N", "2"))));
		// when
		IngestReport report = this.bounces.ingest(file);
		// then
		assertThat(report.accepted()).isEqualTo(2);
		Communication bounced = this.communications.find(zoe.id()).orElseThrow();
		assertThat(bounced.state()).isEqualTo(CommunicationState.BOUNCED);
		assertThat(bounced.reasonCode()).isEqualTo("hard-bounce");
		assertThat(bounced.stateReason()).contains("5.1.1").contains("User unknown in virtual mailbox table");
		assertThat(this.events.findByCustomer("T001")).hasSize(2);
		assertThat(suppressions("T001")).singleElement().satisfies(entry -> {
			assertThat(entry.reason()).isEqualTo(SuppressionEntry.Reason.UNDELIVERABLE);
			assertThat(entry.channel()).isEqualTo(Channel.EMAIL);
		});
	}

	@Test
	void shouldRefuseReportsDatedBeforeTheEmailWasSentOrInTheFuture() throws Exception {
		// given a run that emailed Ann, a report on it dated two months before, and one
		// dated tomorrow
		Communication ann = only(emails(run("times", LocalDate.of(2026, 4, 30))), "T006");
		MailDateFormat dates = new MailDateFormat();
		Map<String, String> values = Map.of("MESSAGE_ID", ann.deliveryRef(), "RECIPIENT", "ann.obrien@example.com");
		Path file = folder.resolve("times/bounces.mbox");
		String old = sample("postfix-hard-5.1.1.eml",
				with(values, "N", "7", "DATE", dates.format(Date.from(ann.sentAt().minus(Duration.ofDays(61))))));
		String future = sample("postfix-hard-5.1.1.eml",
				with(values, "N", "8", "DATE", dates.format(Date.from(Instant.now().plus(Duration.ofDays(1))))));
		Files.writeString(file, mbox(old, future));
		// when
		IngestReport report = this.bounces.ingest(file);
		// then
		assertThat(report.completed()).as(report.failure()).isTrue();
		assertThat(report.accepted()).isZero();
		assertThat(report.rejected()).isEqualTo(2);
		List<String> rejects = Files.readAllLines(report.rejectFile());
		assertThat(rejects.get(1)).startsWith("1,Date,").contains("before the communication it matches was sent");
		assertThat(rejects.get(2)).contains(",Date,").contains("in the future");
		assertThat(this.communications.find(ann.id()).orElseThrow().state()).isEqualTo(CommunicationState.SENT);
		assertThat(this.events.findByCustomer("T006"))
			.noneMatch(event -> ann.id().value().equals(event.communicationId()));
		assertThat(suppressions("T006")).isEmpty();
		// when the same file comes again
		assertThat(this.bounces.ingest(file).alreadyIngested()).isTrue();
	}

	@Test
	@Order(Integer.MAX_VALUE - 1) // bounces Wang and José for good
	void shouldApplyPlainTextBouncesOfQmailExchangeAndGmailAndRefuseOtherTexts() throws Exception {
		// given a run that emailed Wang and José, and an mbox with qmail's bounce for
		// José,
		// Gmail's (a full mailbox) and Exchange's (unknown) for Wang, and an auto-reply
		List<Communication> emails = emails(run("plain-text", LocalDate.of(2026, 1, 30)));
		Communication wang = only(emails, "T004");
		Communication jose = only(emails, "T009");
		Map<String, String> toWang = Map.of("MESSAGE_ID", wang.deliveryRef(), "RECIPIENT", "wang.xiaoming@example.com");
		Path file = folder.resolve("plain-text/bounces.mbox");
		Files.writeString(file,
				mbox(sample("qmail-failure.eml",
						Map.of("MESSAGE_ID", jose.deliveryRef(), "RECIPIENT", "jose.garcia@example.com")),
						sample("gmail-failure.eml", toWang), sample("exchange-ndr.eml", toWang),
						sample("auto-reply.eml", Map.of())));
		// when
		IngestReport report = this.bounces.ingest(file);
		// then
		assertThat(report.completed()).as(report.failure()).isTrue();
		assertThat(report.accepted()).isEqualTo(3);
		Communication bouncedJose = this.communications.find(jose.id()).orElseThrow();
		assertThat(bouncedJose.state()).isEqualTo(CommunicationState.BOUNCED);
		assertThat(bouncedJose.stateReason()).contains("5.1.1").contains("User unknown");
		Communication bouncedWang = this.communications.find(wang.id()).orElseThrow();
		assertThat(bouncedWang.state()).isEqualTo(CommunicationState.BOUNCED);
		assertThat(bouncedWang.stateReason()).contains("RESOLVER.ADR.RecipNotFound");
		assertThat(this.events.findByCustomer("T004"))
			.filteredOn(event -> wang.id().value().equals(event.communicationId()))
			.extracting(DeliveryEvent::kind, DeliveryEvent::status)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(DeliveryEvent.Kind.SOFT_BOUNCE, "4.2.2"),
					org.assertj.core.groups.Tuple.tuple(DeliveryEvent.Kind.HARD_BOUNCE, "5.1.1"));
		assertThat(Files.readAllLines(report.rejectFile())).hasSize(2)
			.element(1)
			.asString()
			.contains("no rule for non-standard bounces (qmail, Exchange, Gmail) recognises its text");
	}

	@Test
	@Order(Integer.MAX_VALUE) // last: no later run of this class may email Ann marketing
	void shouldMarkAnEmailReportedAsSpamComplainedAndStopMarketingEmailToTheAddress() throws Exception {
		// given a run that emailed Ann, and her mailbox provider's feedback report (ARF)
		// that she marked it as spam
		Communication ann = only(emails(run("complaint", LocalDate.of(2026, 2, 27))), "T006");
		Path file = folder.resolve("complaint/fbl.eml");
		Files.writeString(file, sample("arf-complaint.eml",
				Map.of("MESSAGE_ID", ann.deliveryRef(), "RECIPIENT", "ann.obrien@example.com")));
		// when
		IngestReport report = this.bounces.ingest(file);
		// then
		assertThat(report.completed()).as(report.failure()).isTrue();
		assertThat(report.accepted()).isEqualTo(1);
		Communication complained = this.communications.find(ann.id()).orElseThrow();
		assertThat(complained.state()).isEqualTo(CommunicationState.COMPLAINED);
		assertThat(complained.reasonCode()).isEqualTo("complaint");
		assertThat(this.events.findByCustomer("T006")).filteredOn(event -> event.kind() == DeliveryEvent.Kind.COMPLAINT)
			.singleElement()
			.satisfies(event -> {
				assertThat(event.communicationId()).isEqualTo(ann.id().value());
				assertThat(event.status()).isEqualTo("abuse");
			});
		assertThat(suppressions("T006")).singleElement()
			.satisfies(entry -> assertThat(entry.reason()).isEqualTo(SuppressionEntry.Reason.COMPLAINT));
		assertThat(this.consents.permissions(this.customers.findById("T006").orElseThrow())
			.refusal(Channel.EMAIL, DocumentKind.CROSS_SELL)).hasValueSatisfying(refusal -> {
				assertThat(refusal.code()).isEqualTo("complaint");
			});
		// when the same report comes again, and the next run
		assertThat(this.bounces.ingest(file).alreadyIngested()).isTrue();
		List<Communication> next = emails(run("complaint-next", LocalDate.of(2026, 3, 31)));
		// then
		assertThat(suppressions("T006")).hasSize(1);
		assertThat(next).filteredOn(email -> email.customerId().equals("T006"))
			.allSatisfy(email -> assertThat(email.kind().legallyRequired()).isTrue());
	}

	private static Map<String, String> with(Map<String, String> values, String... more) {
		Map<String, String> all = new java.util.HashMap<>(values);
		for (int i = 0; i < more.length; i += 2) {
			all.put(more[i], more[i + 1]);
		}
		return all;
	}

	private static String delayed(Communication communication, String address, String hours) {
		return sample("postfix-delayed.eml",
				Map.of("MESSAGE_ID", communication.deliveryRef(), "RECIPIENT", address, "N", hours));
	}

	private List<SuppressionEntry> suppressions(String customerId) {
		return this.consents.suppressionsOf(this.customers.findById(customerId).orElseThrow());
	}

	private RunRef run(String name, LocalDate asOf) {
		RunReport run = this.runner.run(TestCampaigns.smallCampaign(folder.resolve(name)), asOf, false);
		assertThat(run.completed()).as(String.valueOf(run.failure())).isTrue();
		return run.run();
	}

	private List<Communication> emails(RunRef run) {
		List<Communication> emails = new ArrayList<>();
		for (CommunicationState state : CommunicationState.values()) {
			this.readers.forEach(run, Channel.EMAIL, state, emails::add);
		}
		return emails;
	}

	private static Communication only(List<Communication> communications, String customerId) {
		return communications.stream()
			.filter(communication -> communication.customerId().equals(customerId))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no communication for " + customerId + " in " + communications));
	}

}
