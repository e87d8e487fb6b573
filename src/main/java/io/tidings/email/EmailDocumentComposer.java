package io.tidings.email;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.ComposedDocument;
import io.tidings.outbox.DocumentComposer;
import io.tidings.outbox.DocumentModel;
import io.tidings.outbox.DocumentRejectedException;
import io.tidings.render.TemplateEngine;

import org.springframework.stereotype.Component;

/**
 * Composes an email as MIME: {@code multipart/alternative} with a plain-text and an HTML
 * part. For an HTML template {@code X.html.ftlh} the text part comes from
 * {@code X.txt.ftl} and the subject from {@code X.subject.ftl}. Options read:
 * {@value #TO}, {@value #TO_NAME}, {@value #FROM}, {@value #REPLY_TO},
 * {@value #UNSUBSCRIBE_URL} (the signed one-click unsubscribe link). Names are encoded as
 * RFC 2047 where they are not ASCII; the Message-ID is derived from the communication id
 * so receivers can drop a message delivered twice. Marketing email carries
 * {@code List-Unsubscribe} and, with an HTTPS unsubscribe URL,
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058); legally required
 * documents carry neither. Attachments of the model (the PDF of an e-statement) make the
 * message {@code multipart/mixed}: the text and HTML alternatives first, then the files.
 */
@Component
class EmailDocumentComposer implements DocumentComposer {

	static final String TO = "to";

	static final String TO_NAME = "to-name";

	static final String FROM = "from";

	static final String REPLY_TO = "reply-to";

	static final String UNSUBSCRIBE_URL = "unsubscribe-url";

	private final TemplateEngine templates;

	private final EmailSettings settings;

	private final Clock clock;

	private final Session session = Session.getInstance(new Properties());

	EmailDocumentComposer(TemplateEngine templates, EmailSettings settings, Clock clock) {
		this.templates = templates;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public Channel channel() {
		return Channel.EMAIL;
	}

	@Override
	public ComposedDocument compose(Communication communication, DocumentModel model) {
		String base = model.template().replaceFirst("\\.html\\.ftlh$", "");
		String html = this.templates.render(model);
		String text = this.templates.render(model, base + ".txt.ftl");
		String subject = this.templates.render(model, base + ".subject.ftl").strip().replaceAll("[\\r\\n]+", " ");
		String messageId = "<" + communication.id() + "@" + this.settings.messageIdDomain() + ">";
		try {
			MimeMessage message = new FixedIdMimeMessage(this.session, messageId);
			message.setFrom(address(model.requiredOption(FROM), FROM));
			String replyTo = model.options().get(REPLY_TO);
			if (replyTo != null && !replyTo.isBlank()) {
				message.setReplyTo(new InternetAddress[] { address(replyTo, REPLY_TO) });
			}
			message.setRecipient(MimeMessage.RecipientType.TO, recipient(model));
			message.setSubject(subject, "UTF-8");
			message.setSentDate(Date.from(this.clock.instant()));
			message.setHeader("X-Tidings-Communication-Id", communication.id().value());
			String unsubscribeUrl = model.options().get(UNSUBSCRIBE_URL);
			String unsubscribe = communication.kind().legallyRequired() ? null
					: this.settings.listUnsubscribe(unsubscribeUrl, communication.id().value());
			if (unsubscribe != null) {
				message.setHeader("List-Unsubscribe", unsubscribe);
				if (EmailSettings.oneClick(unsubscribeUrl)) {
					message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
				}
			}
			MimeMultipart alternative = new MimeMultipart("alternative");
			MimeBodyPart textPart = new MimeBodyPart();
			textPart.setText(text, "UTF-8", "plain");
			MimeBodyPart htmlPart = new MimeBodyPart();
			htmlPart.setText(html, "UTF-8", "html");
			alternative.addBodyPart(textPart);
			alternative.addBodyPart(htmlPart);
			if (model.attachments().isEmpty()) {
				message.setContent(alternative);
			}
			else {
				MimeMultipart mixed = new MimeMultipart("mixed");
				MimeBodyPart body = new MimeBodyPart();
				body.setContent(alternative);
				mixed.addBodyPart(body);
				for (DocumentModel.Attachment attachment : model.attachments()) {
					MimeBodyPart file = new MimeBodyPart();
					file.setDataHandler(
							new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
					file.setFileName(attachment.fileName());
					file.setDisposition(Part.ATTACHMENT);
					mixed.addBodyPart(file);
				}
				message.setContent(mixed);
			}
			message.saveChanges();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			message.writeTo(out);
			return new ComposedDocument(out.toByteArray(), "eml", null);
		}
		catch (MessagingException | IOException ex) {
			throw new DocumentRejectedException(
					"email " + communication.id() + " cannot be composed: " + ex.getMessage(), ex);
		}
	}

	private static InternetAddress recipient(DocumentModel model) throws UnsupportedEncodingException {
		String to = model.requiredOption(TO);
		String name = model.options().getOrDefault(TO_NAME, "").replaceAll("[\\r\\n]+", " ").strip();
		if (hasControlCharacter(to)) {
			throw new DocumentRejectedException(
					"recipient email address is not valid: it contains a line break or control character");
		}
		try {
			InternetAddress address = new InternetAddress(to, true);
			return name.isEmpty() ? address : new InternetAddress(address.getAddress(), name, "UTF-8");
		}
		catch (AddressException ex) {
			throw new DocumentRejectedException("recipient email address is not valid: " + ex.getMessage());
		}
	}

	private static InternetAddress address(String value, String option) {
		if (hasControlCharacter(value)) {
			throw new DocumentRejectedException(
					"'" + option + "' address is not valid: it contains a line break or control character");
		}
		try {
			return new InternetAddress(value, true);
		}
		catch (AddressException ex) {
			throw new DocumentRejectedException("'" + option + "' address is not valid: " + ex.getMessage());
		}
	}

	/**
	 * Jakarta Mail's strict parsing takes a line break for folding white space: an
	 * address holding one could carry another header with it.
	 */
	private static boolean hasControlCharacter(String value) {
		return value.chars().anyMatch(Character::isISOControl);
	}

	/**
	 * Keeps the Message-ID derived from the communication id when headers are updated.
	 */
	private static final class FixedIdMimeMessage extends MimeMessage {

		private final String messageId;

		FixedIdMimeMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", this.messageId);
		}

	}

}
