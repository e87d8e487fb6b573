package io.tidings.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.DecisionDetails;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.DocumentModel;
import io.tidings.outbox.DocumentRejectedException;
import io.tidings.outbox.RunRef;
import io.tidings.render.TemplateEngine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Values that reach email headers (the customer's name in the subject and the To display
 * name, addresses) cannot add headers or recipients, even if a line break got past the
 * import, and markup in a name is text in the HTML part.
 */
class EmailHeaderInjectionTests {

	private static final String INJECTION = "\r\nBcc: evil@evil.example\r\n";

	@TempDir
	Path templates;

	private final EmailDocumentComposer composer = new EmailDocumentComposer(new TemplateEngine(),
			new EmailSettings("bank.example", null, null),
			Clock.fixed(Instant.parse("2026-09-30T08:00:00Z"), ZoneOffset.UTC));

	@BeforeEach
	void writeTemplates() throws IOException {
		Files.writeString(this.templates.resolve("hello.html.ftlh"), "<p>Dear ${customer.name},</p>");
		Files.writeString(this.templates.resolve("hello.txt.ftl"), "Dear ${customer.name},");
		Files.writeString(this.templates.resolve("hello.subject.ftl"), "Hello ${customer.name}");
	}

	@Test
	void shouldKeepALineBreakInANameOutOfTheHeaders() throws Exception {
		// when
		MimeMessage message = compose("Ann" + INJECTION, "ann@example.com", "Bank <bank@bank.example>");
		// then
		assertThat(message.getHeader("Bcc")).isNull();
		assertThat(message.getAllRecipients()).extracting(address -> ((InternetAddress) address).getAddress())
			.containsExactly("ann@example.com");
		assertThat(message.getSubject()).isEqualTo("Hello Ann Bcc: evil@evil.example");
		assertThat(((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getPersonal())
			.isEqualTo("Ann Bcc: evil@evil.example");
	}

	@Test
	void shouldRefuseALineBreakInAnAddress() {
		assertThatExceptionOfType(DocumentRejectedException.class)
			.isThrownBy(() -> compose("Ann", "ann@example.com" + INJECTION, "Bank <bank@bank.example>"))
			.withMessageStartingWith("recipient email address is not valid");
		assertThatExceptionOfType(DocumentRejectedException.class)
			.isThrownBy(() -> compose("Ann", "ann@example.com", "Bank <bank@bank.example>" + INJECTION))
			.withMessageStartingWith("'from' address is not valid");
	}

	@Test
	void shouldWriteMarkupInANameAsTextInTheHtmlPart() throws Exception {
		// when
		MimeMessage message = compose("<script>alert('x')</script> & <b>Co</b>", "ann@example.com",
				"Bank <bank@bank.example>");
		// then
		MimeMultipart parts = (MimeMultipart) message.getContent();
		String text = (String) parts.getBodyPart(0).getContent();
		String html = (String) parts.getBodyPart(1).getContent();
		assertThat(html)
			.isEqualTo("<p>Dear &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;,</p>");
		assertThat(text).isEqualTo("Dear <script>alert('x')</script> & <b>Co</b>,");
	}

	private MimeMessage compose(String name, String to, String from) throws Exception {
		DocumentModel model = new DocumentModel(this.templates, "hello.html.ftlh", Locale.ENGLISH,
				Map.of("customer", Map.of("name", name)), Map.of(EmailDocumentComposer.TO, to,
						EmailDocumentComposer.TO_NAME, name, EmailDocumentComposer.FROM, from));
		byte[] bytes = this.composer.compose(communication(), model).content();
		return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
	}

	private static Communication communication() {
		RunRef run = new RunRef("hostile", "2026-09-30");
		CommunicationId id = CommunicationId.of(run.campaign(), run.runKey(), "H001", Channel.EMAIL,
				DocumentKind.CROSS_SELL);
		return new Communication(id, run, "H001", Channel.EMAIL, DocumentKind.CROSS_SELL, null, "hello.html.ftlh",
				"test", CommunicationState.PLANNED, null, null, null, null, null, Instant.EPOCH, null, null, null, null,
				null, null, null, null, DecisionDetails.NONE);
	}

}
