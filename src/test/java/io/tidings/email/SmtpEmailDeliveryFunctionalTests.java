package io.tidings.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.Communications;
import io.tidings.outbox.RunRef;
import io.tidings.render.PdfAValidation;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The email channel against a real SMTP server (GreenMail): what arrives, how it is
 * encoded, and how transient and permanent SMTP failures end up in the ledger.
 */
@SpringBootTest
class SmtpEmailDeliveryFunctionalTests {

	@TempDir
	static Path folder;

	static FaultySmtpServer smtpServer;

	@Autowired
	CampaignRunner runner;

	@Autowired
	Communications communications;

	@Autowired
	CommunicationReaders readers;

	@BeforeAll
	static void startSmtpServer() {
		smtpServer = FaultySmtpServer.started(ServerSetupTest.SMTP.dynamicPort());
	}

	@AfterAll
	static void stopSmtpServer() {
		smtpServer.stop();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
		smtpServer.serveMail(registry);
		// one delivery thread: these tests follow one connection from message to message
		// (ConcurrentSmtpDeliveryFunctionalTests delivers on several)
		registry.add("tidings.run.delivery-threads", () -> "1");
		registry.add("tidings.run.retries", () -> "1");
		registry.add("tidings.run.retry-delay", () -> "10ms");
		registry.add("spring.mail.properties.mail.smtp.timeout", () -> "2000");
		registry.add("tidings.links.base-url", () -> "https://prefs.bank.example");
		registry.add("tidings.email.unsubscribe-mailto", () -> "unsubscribe@bank.example");
	}

	@BeforeEach
	void emptyMailboxes() throws Exception {
		smtpServer.clearFaults();
	}

	@Test
	void shouldSendEveryEmailOverSmtpWithTheCommunicationIdAsMessageId() throws Exception {
		// given
		Path job = TestCampaigns.smallCampaign(folder.resolve("sent"));
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 9, 30), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		List<Communication> emails = emails(report.run());
		assertThat(emails).extracting(Communication::customerId)
			.containsExactlyInAnyOrder("T001", "T004", "T006", "T009");
		assertThat(emails).allSatisfy((email) -> {
			assertThat(email.state()).isEqualTo(CommunicationState.SENT);
			assertThat(email.deliveryRef()).isEqualTo(messageId(email));
		});
		Map<String, MimeMessage> received = receivedByMessageId();
		assertThat(received).hasSize(4)
			.containsOnlyKeys(emails.stream().map(SmtpEmailDeliveryFunctionalTests::messageId).toList());
		for (Communication email : emails) {
			MimeMessage message = received.get(messageId(email));
			assertThat(message.getHeader("X-Tidings-Communication-Id")).containsExactly(email.id().value());
			assertThat(raw(message)).as("raw message of %s", email.customerId()).matches("\\p{ASCII}*+");
			MimeMultipart parts = (MimeMultipart) message.getContent();
			assertThat(parts.getContentType()).startsWith("multipart/alternative");
			assertThat(parts.getCount()).isEqualTo(2);
			assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
			assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
		}
		MimeMessage wang = received.get(messageId(only(emails, "T004")));
		assertThat(recipient(wang).getAddress()).isEqualTo("wang.xiaoming@example.com");
		assertThat(recipient(wang).getPersonal()).isEqualTo("王小明");
		assertThat(wang.getHeader("To")[0]).startsWith("=?UTF-8?");
		assertThat(wang.getHeader("Subject")[0]).startsWith("=?UTF-8?");
		assertThat(wang.getSubject()).isEqualTo("让您的储蓄赚得更多");
		MimeMessage zoe = received.get(messageId(only(emails, "T001")));
		assertThat(recipient(zoe).getAddress()).isEqualTo("zoe@example.com");
		assertThat(recipient(zoe).getPersonal()).isEqualTo("Zoë Brontë-Smith");
		assertThat(zoe.getHeader("To")[0]).startsWith("=?UTF-8?");
		MimeMessage ann = received.get(messageId(only(emails, "T006")));
		assertThat(recipient(ann).getAddress()).isEqualTo("ann.obrien@example.com");
		MimeMultipart annParts = (MimeMultipart) ann.getContent();
		assertThat((String) annParts.getBodyPart(1).getContent()).contains("&lt;b&gt;&amp;amp;&lt;/b&gt;")
			.doesNotContain("<b>&amp;</b>");
		assertThat((String) annParts.getBodyPart(0).getContent()).contains("Dear Mr O'Brien <b>&amp;</b>,");
		assertThat(recipient(received.get(messageId(only(emails, "T009")))).getAddress())
			.isEqualTo("jose.garcia@example.com");
		assertThat(report.outputFolder().resolve(Channel.EMAIL.folder())).doesNotExist();
	}

	@Test
	void shouldLeaveEmailsRenderedWhileTheSmtpServerIsDownAndSendThemOnceWhenTheRunResumes() throws Exception {
		// given
		Path job = TestCampaigns.smallCampaign(folder.resolve("down"));
		LocalDate asOf = LocalDate.of(2026, 8, 31);
		int port = smtpServer.getSmtp().getPort();
		smtpServer.stop();
		RunReport failed;
		try {
			// when
			failed = this.runner.run(job, asOf, false);
		}
		finally {
			smtpServer = FaultySmtpServer.started(ServerSetupTest.SMTP.port(port));
		}
		// then
		assertThat(failed.completed()).isFalse();
		assertThat(failed.failure()).contains("Connection refused");
		List<Communication> pending = emails(failed.run());
		assertThat(pending).hasSize(4).allSatisfy((email) -> {
			assertThat(email.state()).isEqualTo(CommunicationState.RENDERED);
			assertThat(email.stateReason()).isNull();
			assertThat(email.deliveryRef()).isNull();
		});
		assertThat(smtpServer.getReceivedMessages()).isEmpty();
		// when
		RunReport resumed = this.runner.run(job, asOf, false);
		// then
		assertThat(resumed.completed()).as(String.valueOf(resumed.failure())).isTrue();
		assertThat(resumed.resumed()).isTrue();
		List<Communication> sent = emails(resumed.run());
		assertThat(sent).hasSize(4).allSatisfy((email) -> {
			assertThat(email.state()).isEqualTo(CommunicationState.SENT);
			assertThat(email.deliveryRef()).isEqualTo(messageId(email));
		});
		MimeMessage[] received = smtpServer.getReceivedMessages();
		assertThat(received).hasSize(4);
		assertThat(Arrays.stream(received).map(SmtpEmailDeliveryFunctionalTests::messageId))
			.containsExactlyInAnyOrderElementsOf(
					sent.stream().map(SmtpEmailDeliveryFunctionalTests::messageId).toList());
		assertThat(resumed.outputFolder().resolve(Channel.EMAIL.folder())).doesNotExist();
	}

	@Test
	void shouldFailOnlyTheEmailTheSmtpServerRefusesForGood() throws Exception {
		// given a server that answers 550 to one recipient
		smtpServer.rejected.add("wang.xiaoming@example.com");
		Path job = TestCampaigns.smallCampaign(folder.resolve("refused"));
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 7, 31), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		List<Communication> emails = emails(report.run());
		Communication refused = only(emails, "T004");
		assertThat(refused.state()).isEqualTo(CommunicationState.FAILED);
		assertThat(refused.stateReason()).startsWith("SMTP server refused the message: 550");
		assertThat(refused.deliveryRef()).isNull();
		assertThat(emails).filteredOn((email) -> !email.customerId().equals("T004"))
			.hasSize(3)
			.allSatisfy((email) -> assertThat(email.state()).isEqualTo(CommunicationState.SENT));
		MimeMessage[] received = smtpServer.getReceivedMessages();
		assertThat(received).hasSize(3);
		assertThat(Arrays.stream(received).map((message) -> recipient(message).getAddress()))
			.containsExactlyInAnyOrder("zoe@example.com", "ann.obrien@example.com", "jose.garcia@example.com");
	}

	@Test
	void shouldSendAWholeRunOverOneSmtpConnection() throws Exception {
		// given
		Path job = TestCampaigns.smallCampaign(folder.resolve("pooled"));
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 6, 30), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		assertThat(smtpServer.getReceivedMessages()).hasSize(4);
		assertThat(smtpServer.connections.get()).as("connections opened").isEqualTo(1);
	}

	@Test
	void shouldReconnectWhenTheServerDropsTheConnectionMidBatchAndSendEveryEmailOnce() throws Exception {
		// given a server that drops the connection once, after two messages
		smtpServer.dropConnectionAfter(2, 1);
		Path job = TestCampaigns.smallCampaign(folder.resolve("dropped"));
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 5, 31), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		List<Communication> emails = emails(report.run());
		assertThat(emails).hasSize(4).allSatisfy(email -> assertThat(email.state()).isEqualTo(CommunicationState.SENT));
		assertThat(receivedByMessageId()).hasSize(4);
		assertThat(smtpServer.connections.get()).as("connections opened").isEqualTo(2);
	}

	@Test
	void shouldNotSendAgainWhatWasSentBeforeTheServerWentAwayMidBatch() throws Exception {
		// given a server that drops every connection after two messages, until it is
		// healed
		smtpServer.dropConnectionAfter(2, Integer.MAX_VALUE);
		Path job = TestCampaigns.smallCampaign(folder.resolve("gone-mid-batch"));
		LocalDate asOf = LocalDate.of(2026, 4, 30);
		// when
		RunReport failed = this.runner.run(job, asOf, false);
		// then the two emails sent are recorded as sent, although their chunk failed
		assertThat(failed.completed()).isFalse();
		assertThat(emails(failed.run())).filteredOn(email -> email.state() == CommunicationState.SENT).hasSize(2);
		assertThat(emails(failed.run())).filteredOn(email -> email.state() == CommunicationState.RENDERED).hasSize(2);
		assertThat(smtpServer.getReceivedMessages()).hasSize(2);
		// when the server is back
		smtpServer.dropConnectionAfter(Integer.MAX_VALUE, 0);
		RunReport resumed = this.runner.run(job, asOf, false);
		// then
		assertThat(resumed.completed()).as(String.valueOf(resumed.failure())).isTrue();
		assertThat(emails(resumed.run())).hasSize(4)
			.allSatisfy(email -> assertThat(email.state()).isEqualTo(CommunicationState.SENT));
		assertThat(receivedByMessageId()).as("each email received once").hasSize(4);
	}

	@Test
	void shouldSendOnceAnEmailWhoseServerTimedOutBeforeTakingIt() throws Exception {
		// given a server silent for longer than the 2 s time-out at one RCPT command
		smtpServer.silentAtRecipientOnce.add("zoe@example.com");
		Path job = TestCampaigns.smallCampaign(folder.resolve("silent-at-recipient"));
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2025, 12, 31), false);
		// then sent again on a new connection, and received once
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		assertThat(emails(report.run())).hasSize(4).allSatisfy(email -> {
			assertThat(email.state()).isEqualTo(CommunicationState.SENT);
			assertThat(email.reasonCode()).isNull();
		});
		assertThat(receivedByMessageId()).as("each email received once").hasSize(4);
		assertThat(smtpServer.getReceivedMessages()).hasSize(4);
	}

	@Test
	void shouldNotSendAgainAnEmailWhoseServerTimedOutAfterTheEndOfTheData() throws Exception {
		// given a server that takes Zoë's message but answers the end of its data only
		// after the client's 2 s time-out
		smtpServer.silentAfterDataOnce.add("zoe@example.com");
		Path job = TestCampaigns.smallCampaign(folder.resolve("silent-after-data"));
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2025, 11, 30), false);
		// then it is recorded as sent in doubt, reported, and not sent again
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		Communication unanswered = only(emails(report.run()), "T001");
		assertThat(unanswered.state()).isEqualTo(CommunicationState.SENT);
		assertThat(unanswered.reasonCode()).isEqualTo("in-doubt");
		assertThat(unanswered.stateReason()).startsWith("SMTP connection failed after the message data was sent");
		assertThat(report.warnings())
			.anySatisfy(warning -> assertThat(warning).startsWith("1 communication(s) in doubt"));
		// the server delivers the message once its stall is over
		long deadline = System.nanoTime() + FaultySmtpServer.STALL.toNanos() * 2;
		while (smtpServer.getReceivedMessages().length < 4 && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(receivedByMessageId()).as("each email received once").hasSize(4);
		assertThat(smtpServer.getReceivedMessages()).hasSize(4);
	}

	@Test
	void shouldRetryAnEmailTheServerDefersWithA4xxReply() throws Exception {
		// given
		smtpServer.deferredOnce.add("zoe@example.com");
		Path job = TestCampaigns.smallCampaign(folder.resolve("deferred"));
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 3, 31), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		assertThat(only(emails(report.run()), "T001").state()).isEqualTo(CommunicationState.SENT);
		assertThat(receivedByMessageId()).hasSize(4);
	}

	@Test
	void shouldOfferOneClickUnsubscribeInMarketingEmailOnly() throws Exception {
		// given a customer who chose paperless statements
		Path job = TestCampaigns.smallCampaign(folder.resolve("unsubscribe"));
		paperless(job, "T001");
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 2, 28), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		List<Communication> emails = emails(report.run());
		Communication crossSell = emails.stream()
			.filter(email -> email.customerId().equals("T004"))
			.findFirst()
			.orElseThrow();
		MimeMessage marketing = receivedByMessageId().get(messageId(crossSell));
		assertThat(marketing.getHeader("List-Unsubscribe")).singleElement()
			.asString()
			.matches("<https://prefs\\.bank\\.example/unsubscribe/[A-Za-z0-9_-]{46}>, "
					+ "<mailto:unsubscribe@bank\\.example\\?subject=unsubscribe%20" + crossSell.id() + ">");
		assertThat(marketing.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		Communication statement = emails.stream()
			.filter(email -> email.kind() == io.tidings.outbox.DocumentKind.STATEMENT)
			.findFirst()
			.orElseThrow();
		MimeMessage legal = receivedByMessageId().get(messageId(statement));
		assertThat(legal.getHeader("List-Unsubscribe")).isNull();
		assertThat(legal.getHeader("List-Unsubscribe-Post")).isNull();
	}

	@Test
	void shouldEmailAPaperlessCustomersStatementWithThePrintedPdfAttached() throws Exception {
		// given
		Path job = TestCampaigns.smallCampaign(folder.resolve("e-statement"));
		paperless(job, "T001");
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 1, 31), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		Communication statement = this.communications.findByCustomer("T001")
			.stream()
			.filter(c -> c.run().equals(report.run()) && c.kind() == io.tidings.outbox.DocumentKind.STATEMENT)
			.findFirst()
			.orElseThrow();
		assertThat(statement.channel()).isEqualTo(Channel.EMAIL);
		assertThat(statement.state()).isEqualTo(CommunicationState.SENT);
		assertThat(statement.decisionReason()).contains("paperless");
		MimeMessage message = receivedByMessageId().get(messageId(statement));
		assertThat(message.getSubject()).isEqualTo("Tidings Bank: Account statement 31 January 2026");
		MimeMultipart mixed = (MimeMultipart) message.getContent();
		assertThat(mixed.getContentType()).startsWith("multipart/mixed");
		assertThat(((MimeMultipart) mixed.getBodyPart(0).getContent()).getContentType())
			.startsWith("multipart/alternative");
		jakarta.mail.BodyPart pdf = mixed.getBodyPart(1);
		assertThat(pdf.getContentType()).startsWith("application/pdf");
		assertThat(pdf.getFileName()).isEqualTo("statement-2026-01-31.pdf");
		byte[] attached = pdf.getInputStream().readAllBytes();
		try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(attached)) {
			String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
			assertThat(text).contains("Zoë Brontë-Smith");
			java.util.regex.Matcher number = java.util.regex.Pattern.compile("Statement number (\\d+)").matcher(text);
			assertThat(number.find()).as(text).isTrue();
			assertThat(html(message)).as("the email names the number of the statement it carries")
				.contains("Statement number: " + number.group(1));
		}
		// and the attachment, as the customer (and `tidings show --raw`) gets it, is
		// accessible
		assertThat(PdfAValidation.violations(attached, PDFAFlavour.PDFA_2_B)).isEmpty();
		assertThat(PdfAValidation.violations(attached, PDFAFlavour.PDFUA_1)).isEmpty();
		assertThat(this.communications.findByCustomer("T004")
			.stream()
			.filter(c -> c.run().equals(report.run()) && c.kind() == io.tidings.outbox.DocumentKind.STATEMENT)
			.findFirst()
			.orElseThrow()
			.channel()).as("customers who did not choose paperless get paper").isEqualTo(Channel.PRINT);
	}

	@Test
	void shouldSendStatementsAndMarketingFromTheSendersOfTheJobFile() throws Exception {
		// given a campaign with a sender for marketing of its own
		Path job = TestCampaigns.smallCampaign(folder.resolve("senders"));
		threeScripts(job);
		java.nio.file.Files.writeString(job,
				java.nio.file.Files.readString(job).replace("  reply-to: \"Care <care@bank.example>\"\n", """
						  reply-to: "Care <care@bank.example>"
						  marketing:
						    from: "Tidings Bank Offers <offers@news.bank.example>"
						    reply-to: "Offers <offers-reply@news.bank.example>"
						"""));
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2025, 10, 31), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		Map<String, MimeMessage> received = receivedByMessageId();
		List<Communication> emails = emails(report.run());
		assertThat(emails).extracting(Communication::kind)
			.contains(io.tidings.outbox.DocumentKind.STATEMENT, io.tidings.outbox.DocumentKind.CROSS_SELL);
		for (Communication email : emails) {
			MimeMessage message = received.get(messageId(email));
			boolean statement = email.kind() == io.tidings.outbox.DocumentKind.STATEMENT;
			assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).as("From of %s", email.id())
				.isEqualTo(statement ? "statements@bank.example" : "offers@news.bank.example");
			assertThat(((InternetAddress) message.getReplyTo()[0]).getAddress()).as("Reply-To of %s", email.id())
				.isEqualTo(statement ? "care@bank.example" : "offers-reply@news.bank.example");
		}
		// amounts as the customer's locale writes them, with thousands separators
		// (closing balances of a thousand or more: the customer's less what was booked
		// later)
		assertThat(html(received.get(messageId(statementOf(emails, "T001")))))
			.containsPattern(">\\d{1,3}(,\\d{3})+\\.\\d{2} GBP<");
		assertThat(html(received.get(messageId(statementOf(emails, "T003")))))
			.containsPattern(">\\d{1,3}(\\.\\d{3})+,\\d{2} EUR<");
		assertThat(html(received.get(messageId(statementOf(emails, "T004")))))
			.containsPattern(">\\d{1,3}(,\\d{3})+\\.\\d{2} CNY<");
	}

	@Test
	@org.junit.jupiter.api.extension.ExtendWith(io.tidings.HeadlessChromium.class)
	void shouldShowEveryEmailOnAPhoneWithoutSidewaysScrollingInEveryScript() throws Exception {
		// given statements and offers by email to customers writing Latin, Greek and
		// Chinese
		Path job = TestCampaigns.smallCampaign(folder.resolve("layout"));
		threeScripts(job);
		RunReport report = this.runner.run(job, LocalDate.of(2025, 9, 30), false);
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		Map<String, MimeMessage> received = receivedByMessageId();
		Path pages = java.nio.file.Files.createDirectories(folder.resolve("layout/html"));
		Path screenshots = Path.of(System.getProperty("tidings.screenshots", "target/screenshots"));
		List<String> opened = new ArrayList<>();
		try (EmailLayouts browser = new EmailLayouts()) {
			for (Communication email : emails(report.run())) {
				if (!List.of("T001", "T003", "T004").contains(email.customerId())) {
					continue;
				}
				String language = switch (email.customerId()) {
					case "T001" -> "en";
					case "T003" -> "el";
					default -> "zh";
				};
				String name = "email-" + email.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-"
						+ language;
				Path page = java.nio.file.Files.writeString(pages.resolve(name + ".html"),
						html(received.get(messageId(email))));
				for (int width : new int[] { 375, 600 }) {
					// when
					EmailLayouts.Layout layout = browser.open(page, width);
					// then
					String view = name + " at " + width + " px";
					assertThat(layout.innerWidth()).as("%s zoomed out to %d px", view, layout.innerWidth())
						.isEqualTo(width);
					assertThat(layout.scrollsSideways()).as("%s is %d px wide", view, layout.scrollWidth()).isFalse();
					if (width == 375) {
						browser.screenshot(screenshots.resolve(name + ".png"));
					}
				}
				for (boolean dark : new boolean[] { false, true }) {
					EmailLayouts.Contrast contrast = browser.worstContrast(dark);
					assertThat(contrast.ratio()).as("%s%s: %s", name, dark ? " (dark)" : "", contrast.where())
						.isGreaterThanOrEqualTo(EmailLayouts.MINIMUM_CONTRAST);
				}
				opened.add(name);
			}
		}
		assertThat(opened).containsExactlyInAnyOrder("email-statement-en", "email-statement-el", "email-statement-zh",
				"email-cross-sell-en", "email-cross-sell-el", "email-cross-sell-zh");
	}

	/**
	 * Makes Zoë (English), Γιώργος (Greek) and 王小明 (Chinese) paperless customers who take
	 * email, so that each gets a statement and an offer by email.
	 */
	static void threeScripts(Path job) throws java.io.IOException {
		paperless(job, "T001");
		Path customers = job.resolveSibling("customers.csv");
		List<String> lines = new ArrayList<>(java.nio.file.Files.readAllLines(customers));
		List<String> header = List.of(lines.get(0).split(",", -1));
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith("T003,") || lines.get(i).startsWith("T004,")) {
				String[] fields = lines.get(i).split(",", -1);
				if (fields[0].equals("T003")) {
					fields[header.indexOf("email")] = "giorgos@example.gr";
					fields[header.indexOf("consent_email")] = "true";
				}
				fields[header.indexOf("paperless")] = "true";
				lines.set(i, String.join(",", fields));
			}
		}
		java.nio.file.Files.write(customers, lines);
	}

	private static Communication statementOf(List<Communication> emails, String customerId) {
		return emails.stream()
			.filter(email -> email.customerId().equals(customerId)
					&& email.kind() == io.tidings.outbox.DocumentKind.STATEMENT)
			.findFirst()
			.orElseThrow();
	}

	/** The HTML part of an email, with or without attachments. */
	private static String html(MimeMessage message) throws Exception {
		MimeMultipart parts = (MimeMultipart) message.getContent();
		if (parts.getContentType().startsWith("multipart/mixed")) {
			parts = (MimeMultipart) parts.getBodyPart(0).getContent();
		}
		return (String) parts.getBodyPart(1).getContent();
	}

	/**
	 * Marks a customer of the test data as paperless and lets the campaign send
	 * statements by email.
	 */
	static void paperless(Path job, String customerId) throws java.io.IOException {
		Path customers = job.resolveSibling("customers.csv");
		List<String> lines = new ArrayList<>(java.nio.file.Files.readAllLines(customers));
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith(customerId + ",")) {
				lines.set(i, lines.get(i).replaceFirst(",false,(\\d+)$", ",true,$1"));
			}
		}
		java.nio.file.Files.write(customers, lines);
		java.nio.file.Files.writeString(job,
				java.nio.file.Files.readString(job)
					.replace("  sms: sms/cross-sell.ftl\n",
							"  sms: sms/cross-sell.ftl\n  email-statement: email/statement.html.ftlh\n"));
	}

	private List<Communication> emails(RunRef run) {
		return emails(this.readers, run);
	}

	/** The run's emails, in whatever state. */
	static List<Communication> emails(CommunicationReaders readers, RunRef run) {
		List<Communication> emails = new ArrayList<>();
		for (CommunicationState state : CommunicationState.values()) {
			readers.forEach(run, Channel.EMAIL, state, emails::add);
		}
		return emails;
	}

	private static Communication only(List<Communication> communications, String customerId) {
		return communications.stream()
			.filter((communication) -> communication.customerId().equals(customerId))
			.reduce((first, second) -> {
				throw new IllegalStateException("more than one communication for " + customerId);
			})
			.orElseThrow();
	}

	private static String messageId(Communication email) {
		return "<" + email.id() + "@tidings.invalid>";
	}

	private static String messageId(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, MimeMessage> receivedByMessageId() {
		Map<String, MimeMessage> received = new HashMap<>();
		for (MimeMessage message : smtpServer.getReceivedMessages()) {
			assertThat(received.put(messageId(message), message)).as("delivered twice: %s", messageId(message))
				.isNull();
		}
		return received;
	}

	private static InternetAddress recipient(MimeMessage message) {
		try {
			assertThat(message.getRecipients(MimeMessage.RecipientType.TO)).hasSize(1);
			return (InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0];
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String raw(MimeMessage message) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		message.writeTo(out);
		return out.toString(StandardCharsets.ISO_8859_1);
	}

}
