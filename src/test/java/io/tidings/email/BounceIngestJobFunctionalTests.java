package io.tidings.email;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
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
import io.tidings.outbox.Communications;
import io.tidings.outbox.DeliveryEvent;
import io.tidings.outbox.DeliveryEvents;
import io.tidings.outbox.RunRef;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.tidings.email.DeliveryStatusNotifications.aHardBounce;
import static io.tidings.email.DeliveryStatusNotifications.aNotification;
import static io.tidings.email.DeliveryStatusNotifications.aSoftBounce;
import static io.tidings.email.DeliveryStatusNotifications.mbox;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounces coming back from a real SMTP/IMAP server (GreenMail) after a real run: a hard
 * bounce stops the next email to that customer, soft bounces count up to the limit, bad
 * notifications are rejected with their line, and nothing is applied twice.
 */
@SpringBootTest
class BounceIngestJobFunctionalTests {

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

	@BeforeAll
	static void startMailServer() {
		mailServer = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
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
		registry.add("tidings.bounces.imap.username", () -> "bounces");
		registry.add("tidings.bounces.imap.processed-folder", () -> "Processed");
		registry.add("tidings.email.verp-pattern", () -> "bounces+{id}@bank.example");
	}

	@Test
	void shouldMatchABounceThatReturnsNothingOfTheEmailByTheVerpAddressItWasSentTo() throws Exception {
		// given a run that emailed José from an envelope sender of that email's own
		Path job = TestCampaigns.smallCampaign(folder.resolve("verp"));
		Communication first = only(emails(run(job, LocalDate.of(2026, 6, 30))), "T009");
		String verp = "bounces+" + first.id().value() + "@bank.example";
		List<String> returnPaths = new ArrayList<>();
		for (MimeMessage message : mailServer.getReceivedMessages()) {
			if (first.deliveryRef().equals(message.getMessageID())) {
				returnPaths.addAll(List.of(message.getHeader("Return-Path")));
			}
		}
		assertThat(returnPaths).containsExactly("<" + verp + ">");
		// and a relay's report, delivered to that address, that the mailbox José's mail
		// is forwarded to is full, without the headers of the email
		Path file = folder.resolve("verp/bounce.eml");
		Files.writeString(file, DeliveryStatusNotifications.sample("dsn-without-original.eml",
				java.util.Map.of("VERP", verp, "RECIPIENT", "jgarcia@mail.example.net")));
		// when
		IngestReport report = this.bounces.ingest(file);
		// then that email soft-bounced, though the failed address is not on file
		assertThat(report.completed()).as(report.failure()).isTrue();
		assertThat(report.accepted()).isEqualTo(1);
		assertThat(this.communications.find(first.id()).orElseThrow().stateReason()).contains("4.2.2")
			.contains("soft bounce 1 of 3");
		assertThat(this.events.findByCustomer("T009"))
			.filteredOn(event -> event.kind() == DeliveryEvent.Kind.SOFT_BOUNCE)
			.singleElement()
			.satisfies(event -> assertThat(event.communicationId()).isEqualTo(first.id().value()));
	}

	@Test
	void shouldNotEmailACustomerWhoseEmailBouncedHardInTheNextRun() throws Exception {
		// given a run that emailed Zoë, and her mail server's notification that the
		// address is unknown
		Path job = TestCampaigns.smallCampaign(folder.resolve("hard"));
		RunReport first = this.runner.run(job, LocalDate.of(2026, 9, 30), false);
		assertThat(first.completed()).as(String.valueOf(first.failure())).isTrue();
		Communication zoe = only(emails(first.run()), "T001");
		assertThat(zoe.state()).isEqualTo(CommunicationState.SENT);
		Path dsn = folder.resolve("hard/bounce.eml");
		Files.writeString(dsn, aHardBounce("1", "zoe@example.com", zoe.deliveryRef()));
		// when
		IngestReport report = this.bounces.ingest(dsn);
		// then
		assertThat(report.completed()).as(report.failure()).isTrue();
		assertThat(report.accepted()).isEqualTo(1);
		Communication bounced = this.communications.find(zoe.id()).orElseThrow();
		assertThat(bounced.state()).isEqualTo(CommunicationState.BOUNCED);
		assertThat(bounced.reasonCode()).isEqualTo("hard-bounce");
		assertThat(bounced.stateReason()).contains("5.1.1").contains("User unknown");
		assertThat(this.events.findByCustomer("T001")).singleElement().satisfies(event -> {
			assertThat(event.kind()).isEqualTo(DeliveryEvent.Kind.HARD_BOUNCE);
			assertThat(event.communicationId()).isEqualTo(zoe.id().value());
			assertThat(event.sourceLine()).isEqualTo(1);
		});
		// when the same file comes again
		assertThat(this.bounces.ingest(dsn).alreadyIngested()).isTrue();
		// when the next run comes
		int received = mailServer.getReceivedMessages().length;
		RunReport next = this.runner.run(job, LocalDate.of(2026, 10, 31), false);
		// then
		assertThat(next.completed()).as(String.valueOf(next.failure())).isTrue();
		assertThat(emails(next.run())).filteredOn(email -> email.state() == CommunicationState.SENT)
			.extracting(Communication::customerId)
			.doesNotContain("T001")
			.isNotEmpty();
		assertThat(List.of(mailServer.getReceivedMessages()).subList(received, mailServer.getReceivedMessages().length))
			.noneSatisfy(message -> assertThat(message.getAllRecipients()[0].toString()).contains("zoe@example.com"));
	}

	@Test
	void shouldTreatTheThirdEmailThatSoftBouncedAtAnAddressAsHard() throws Exception {
		// given a run that emailed Wang, whose mailbox is full, reported twice
		Path job = TestCampaigns.smallCampaign(folder.resolve("soft"));
		String address = "wang.xiaoming@example.com";
		Communication first = only(emails(run(job, LocalDate.of(2026, 3, 31))), "T004");
		Path twoSoft = folder.resolve("soft/two.mbox");
		Files.writeString(twoSoft,
				mbox(aSoftBounce("s1", address, first.deliveryRef()), aSoftBounce("s2", address, first.deliveryRef())));
		// when
		IngestReport two = this.bounces.ingest(twoSoft);
		// then two reports about one email are one failed delivery
		assertThat(two.accepted()).isEqualTo(2);
		Communication afterTwo = this.communications.find(first.id()).orElseThrow();
		assertThat(afterTwo.state()).isEqualTo(CommunicationState.SENT);
		assertThat(afterTwo.stateReason()).contains("4.2.2").contains("soft bounce 1 of 3");
		// when the emails of the next two runs bounce too, in a file that repeats the
		// first report
		Communication second = only(emails(run(job, LocalDate.of(2026, 4, 30))), "T004");
		Communication third = only(emails(run(job, LocalDate.of(2026, 5, 29))), "T004");
		Path more = folder.resolve("soft/more.mbox");
		Files.writeString(more, mbox(aSoftBounce("s2", address, first.deliveryRef()),
				aSoftBounce("s3", address, second.deliveryRef()), aSoftBounce("s4", address, third.deliveryRef())));
		this.bounces.ingest(more);
		// then
		assertThat(this.communications.find(second.id()).orElseThrow().stateReason()).contains("soft bounce 2 of 3");
		Communication afterThree = this.communications.find(third.id()).orElseThrow();
		assertThat(afterThree.state()).isEqualTo(CommunicationState.BOUNCED);
		assertThat(afterThree.reasonCode()).isEqualTo("soft-bounce-limit");
		assertThat(this.events.findByCustomer("T004")).hasSize(4)
			.allSatisfy(event -> assertThat(event.kind()).isEqualTo(DeliveryEvent.Kind.SOFT_BOUNCE));
	}

	private RunRef run(Path job, LocalDate asOf) {
		RunReport run = this.runner.run(job, asOf, false);
		assertThat(run.completed()).as(String.valueOf(run.failure())).isTrue();
		return run.run();
	}

	@Test
	void shouldRejectMalformedNotificationsWithTheirLineAndApplyTheRest() throws Exception {
		// given an mbox with a good notification between an ordinary reply and a
		// notification without Status
		Path job = TestCampaigns.smallCampaign(folder.resolve("malformed"));
		RunReport run = this.runner.run(job, LocalDate.of(2026, 2, 28), false);
		assertThat(run.completed()).as(String.valueOf(run.failure())).isTrue();
		Communication jose = only(emails(run.run()), "T009");
		String reply = """
				From: jose.garcia@example.com
				To: statements@bank.example
				Subject: Re: your offer
				Content-Type: text/plain; charset=UTF-8

				Thanks, I will come by the branch.
				""";
		String withoutStatus = aHardBounce("m2", "jose.garcia@example.com", jose.deliveryRef())
			.replace("Status: 5.1.1\n", "");
		String good = aNotification("m3", "jose.garcia@example.com", "delivered", "2.0.0", "250 2.0.0 Ok",
				"X-Tidings-Communication-Id: " + jose.id());
		Path file = folder.resolve("malformed/bounces.mbox");
		String content = mbox(reply, withoutStatus, good);
		Files.writeString(file, content);
		// when
		IngestReport report = this.bounces.ingest(file);
		// then
		assertThat(report.completed()).as(report.failure()).isTrue();
		assertThat(report.records()).isEqualTo(3);
		assertThat(report.accepted()).isEqualTo(1);
		assertThat(report.rejected()).isEqualTo(2);
		assertThat(this.communications.find(jose.id()).orElseThrow().state()).isEqualTo(CommunicationState.DELIVERED);
		List<String> lines = content.lines().toList();
		int secondMessage = lines.subList(1, lines.size()).indexOf(lines.get(0)) + 2;
		assertThat(Files.readAllLines(report.rejectFile())).hasSize(3)
			.element(1)
			.asString()
			.startsWith("1,Content-Type,\"not a delivery status notification: Content-Type is text/plain");
		assertThat(Files.readAllLines(report.rejectFile()).get(2))
			.startsWith(secondMessage + ",Status,a recipient block without Status");
	}

	@Test
	void shouldIngestTheNewNotificationsOfAnImapMailboxOnceWhetherOrNotSomeoneReadThem() throws Exception {
		// given a run that emailed Ann, and her bounce in the bounce mailbox, already
		// read by a person
		Path job = TestCampaigns.smallCampaign(folder.resolve("imap"));
		RunReport run = this.runner.run(job, LocalDate.of(2026, 1, 31), false);
		assertThat(run.completed()).as(String.valueOf(run.failure())).isTrue();
		Communication ann = only(emails(run.run()), "T006");
		GreenMailUser mailbox = mailServer.setUser("bounces@bank.example", "bounces", "s3cret");
		mailbox.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(
				aHardBounce("i1", "ann.obrien@example.com", ann.deliveryRef()).getBytes(StandardCharsets.UTF_8))));
		try (Store store = imap()) {
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_WRITE);
			inbox.getMessage(1).setFlag(Flags.Flag.SEEN, true);
			inbox.close();
		}
		java.net.URI url = java.net.URI.create("imap://:s3cret@127.0.0.1:" + mailServer.getImap().getPort() + "/INBOX");
		// when
		IngestReport report = this.bounces.ingestMailbox(url);
		// then
		assertThat(report.completed()).as(report.failure()).isTrue();
		assertThat(report.accepted()).isEqualTo(1);
		assertThat(this.communications.find(ann.id()).orElseThrow().state()).isEqualTo(CommunicationState.BOUNCED);
		assertThat(folder.resolve("home/inbox/bounces")).isDirectoryContaining("glob:**.mbox");
		try (Store store = imap()) {
			Folder processed = store.getFolder("Processed");
			processed.open(Folder.READ_ONLY);
			assertThat(processed.getMessageCount()).isOne();
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_ONLY);
			assertThat(inbox.getMessageCount()).isZero();
		}
		// when the mailbox is read again
		IngestReport again = this.bounces.ingestMailbox(url);
		// then
		assertThat(again.records()).isZero();
		// when a person puts the report back into the mailbox, and it is read again
		try (Store store = imap()) {
			Folder processed = store.getFolder("Processed");
			processed.open(Folder.READ_ONLY);
			processed.copyMessages(processed.getMessages(), store.getFolder("INBOX"));
		}
		this.bounces.ingestMailbox(url);
		// then nothing is applied twice
		assertThat(this.events.findByCustomer("T006")).singleElement()
			.satisfies(event -> assertThat(event.communicationId()).isEqualTo(ann.id().value()));
	}

	private static Store imap() throws jakarta.mail.MessagingException {
		Store store = Session.getInstance(new Properties()).getStore("imap");
		store.connect("127.0.0.1", mailServer.getImap().getPort(), "bounces", "s3cret");
		return store;
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
