package io.tidings.email;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.DecisionDetails;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.RunRef;
import io.tidings.outbox.TransientDeliveryException;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SMTP over TLS, configured as the README's "Deploying" says, with Spring Boot's
 * {@code spring.mail.*} settings, against real SMTP servers (GreenMail): when STARTTLS is
 * required, a server that does not offer it gets nothing; a server that speaks TLS from
 * the first byte (SMTPS) gets the message.
 */
class SmtpTransportSecurityTests {

	private static final Communication COMMUNICATION = new Communication(
			new CommunicationId("00000000-0000-5000-8000-000000000020"), new RunRef("tls", "2026-01-01"), "C020",
			Channel.EMAIL, DocumentKind.CROSS_SELL, null, "email/cross-sell.html.ftlh", "test",
			CommunicationState.RENDERED, null, null, null, null, null, Instant.EPOCH, null, null, null, null, null,
			null, null, null, new DecisionDetails(null, null, null, null));

	@TempDir
	Path folder;

	@Test
	void shouldSendNothingToAServerWithoutStarttlsWhenStarttlsIsRequired() throws Exception {
		// given a server that does not offer STARTTLS, and STARTTLS required
		GreenMail server = started(ServerSetupTest.SMTP.dynamicPort());
		try {
			ApplicationContextRunner mail = mail(server, "spring.mail.properties.mail.smtp.starttls.enable=true",
					"spring.mail.properties.mail.smtp.starttls.required=true");
			mail.run((context) -> {
				SmtpEmailSender sender = new SmtpEmailSender(context.getBean(JavaMailSenderImpl.class), null);
				// when an email is sent to it
				// then it fails, saying why, and the server got nothing
				assertThatThrownBy(() -> sender.send(COMMUNICATION, message()))
					.isInstanceOf(TransientDeliveryException.class)
					.hasMessageContaining("does not offer STARTTLS")
					.hasMessageContaining("spring.mail.properties.mail.smtp.starttls.required");
				sender.close();
			});
			assertThat(server.getReceivedMessages()).isEmpty();
		}
		finally {
			server.stop();
		}
	}

	@Test
	void shouldSendOverSmtpsToAServerWhoseCertificateIsTrusted() throws Exception {
		// given a server that speaks TLS only, whose certificate is trusted
		GreenMail server = started(ServerSetupTest.SMTPS.dynamicPort());
		try {
			// GreenMail's certificate names no host: only its name is not checked
			ApplicationContextRunner mail = mail(server, "spring.mail.properties.mail.smtp.ssl.enable=true",
					"spring.mail.properties.mail.smtp.ssl.trust=" + server.getSmtps().getBindTo(),
					"spring.mail.properties.mail.smtp.ssl.checkserveridentity=false");
			mail.run((context) -> {
				SmtpEmailSender sender = new SmtpEmailSender(context.getBean(JavaMailSenderImpl.class), null);
				// when an email is sent to it
				sender.send(COMMUNICATION, message());
				sender.close();
			});
			// then it arrives
			assertThat(server.getReceivedMessages()).hasSize(1);
			assertThat(server.getReceivedMessages()[0].getSubject()).isEqualTo("Your statement");
		}
		finally {
			server.stop();
		}
	}

	private static GreenMail started(ServerSetup setup) {
		// a loaded machine takes more than the default 2 s to set up TLS
		setup.setServerStartupTimeout(30_000);
		GreenMail server = new GreenMail(setup);
		server.start();
		return server;
	}

	/** Spring Boot's mail sender, as {@code tidings serve} or a run configures it. */
	private static ApplicationContextRunner mail(GreenMail server, String... properties) {
		var smtp = (server.getSmtp() != null) ? server.getSmtp() : server.getSmtps();
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
			.withPropertyValues("spring.mail.host=" + smtp.getBindTo(), "spring.mail.port=" + smtp.getPort(),
					"spring.mail.properties.mail.smtp.connectiontimeout=5000",
					"spring.mail.properties.mail.smtp.timeout=5000")
			.withPropertyValues(properties);
	}

	private Path message() throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		message.setFrom(new InternetAddress("statements@bank.example"));
		message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("customer@example.com"));
		message.setSubject("Your statement");
		message.setText("Your statement is ready.");
		message.saveChanges();
		Path document = this.folder.resolve("message.eml");
		try (OutputStream out = Files.newOutputStream(document)) {
			message.writeTo(out);
		}
		return document;
	}

}
