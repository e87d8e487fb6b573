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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
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
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.OutboxLedger;
import io.tidings.outbox.RunRef;

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

	private static final Set<String> rejectedRecipients = ConcurrentHashMap.newKeySet();

	@TempDir
	static Path folder;

	static GreenMail smtpServer;

	@Autowired
	CampaignRunner runner;

	@Autowired
	OutboxLedger ledger;

	@BeforeAll
	static void startSmtpServer() {
		smtpServer = new RejectingGreenMail(ServerSetupTest.SMTP.dynamicPort());
		smtpServer.start();
	}

	@AfterAll
	static void stopSmtpServer() {
		smtpServer.stop();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
		registry.add("spring.mail.host", () -> smtpServer.getSmtp().getBindTo());
		registry.add("spring.mail.port", () -> smtpServer.getSmtp().getPort());
		registry.add("tidings.run.retries", () -> "1");
		registry.add("tidings.run.retry-delay", () -> "10ms");
	}

	@BeforeEach
	void emptyMailboxes() throws Exception {
		smtpServer.purgeEmailFromAllMailboxes();
		rejectedRecipients.clear();
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
		assertThat((String) annParts.getBodyPart(0).getContent()).contains("Ann O'Brien <b>&amp;</b>");
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
			smtpServer = new RejectingGreenMail(ServerSetupTest.SMTP.port(port));
			smtpServer.start();
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
		rejectedRecipients.add("wang.xiaoming@example.com");
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

	private List<Communication> emails(RunRef run) {
		List<Communication> emails = new ArrayList<>();
		for (CommunicationState state : CommunicationState.values()) {
			this.ledger.forEach(run, Channel.EMAIL, state, emails::add);
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

	/**
	 * GreenMail answering {@code 550} to the recipients in {@link #rejectedRecipients},
	 * as a server does for a mailbox that does not exist.
	 */
	static final class RejectingGreenMail extends GreenMail {

		RejectingGreenMail(ServerSetup setup) {
			super(setup);
		}

		@Override
		protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
			Map<String, AbstractServer> services = super.createServices(config, managers);
			for (ServerSetup setup : config) {
				if (setup.getProtocol().equals(ServerSetup.PROTOCOL_SMTP)) {
					services.put(setup.getProtocol(), new SmtpServer(setup, new RejectingManagers(managers)));
				}
			}
			return services;
		}

	}

	private static final class RejectingManagers extends Managers {

		private final Managers managers;

		private final SmtpManager smtpManager;

		RejectingManagers(Managers managers) {
			this.managers = managers;
			this.smtpManager = new SmtpManager(managers.getImapHostManager(), managers.getUserManager()) {

				@Override
				public String checkRecipient(SmtpState state, MailAddress recipient) {
					return rejectedRecipients.contains(recipient.getEmail())
							? "550 5.1.1 <" + recipient.getEmail() + ">: mailbox unavailable" : null;
				}

			};
		}

		@Override
		public SmtpManager getSmtpManager() {
			return this.smtpManager;
		}

		@Override
		public UserManager getUserManager() {
			return this.managers.getUserManager();
		}

		@Override
		public ImapHostManager getImapHostManager() {
			return this.managers.getImapHostManager();
		}

	}

}
