package io.tidings.console;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import io.tidings.archive.DocumentArchive;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerSearch;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.Communications;

import org.springframework.stereotype.Component;

/**
 * What the call centre's customer pages read besides the customer's history: search finds
 * customers by id (or an imported source id), name, email or phone; a communication's
 * exact archived document (PDF, email HTML and text, SMS text).
 */
@Component
class CustomerViews {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MATCHES = 50;

	private final Communications communications;

	private final DocumentArchive archive;

	private final CustomerSearch search;

	CustomerViews(Communications communications, DocumentArchive archive, CustomerSearch search) {
		this.communications = communications;
		this.archive = archive;
		this.search = search;
	}

	/**
	 * Customers whose id, source id, email, phone or name matches, at most 50.
	 */
	List<Customer> search(String query) {
		return this.search.find(query, MATCHES);
	}

	/**
	 * A communication, if the id is one.
	 */
	Optional<Communication> communication(String communicationId) {
		try {
			return this.communications.find(new CommunicationId(communicationId));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The exact archived bytes of a communication's document.
	 */
	Optional<byte[]> document(Communication communication) {
		if (communication.archivePath() == null) {
			return Optional.empty();
		}
		return this.archive.read(communication.archivePath());
	}

	/**
	 * The parts of an archived email (.eml) as its recipient saw them.
	 */
	static Email email(byte[] eml) {
		try {
			MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
			Email email = new Email(message.getSubject(), String.join(", ", addresses(message.getFrom())),
					String.join(", ", addresses(message.getAllRecipients())));
			collect(message, email);
			return email;
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException("The archived email cannot be read: " + ex.getMessage(), ex);
		}
	}

	private static List<String> addresses(jakarta.mail.Address @Nullable [] addresses) {
		return (addresses != null) ? java.util.Arrays.stream(addresses).map(Object::toString).toList() : List.of();
	}

	private static void collect(Part part, Email email) throws MessagingException, IOException {
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int index = 0; index < multipart.getCount(); index++) {
				BodyPart child = multipart.getBodyPart(index);
				collect(child, email);
			}
		}
		else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
			email.attachments.add(part.getFileName() + " (" + part.getContentType().split(";")[0] + ")");
		}
		else if (part.isMimeType("text/html") && email.html == null) {
			email.html = (String) part.getContent();
		}
		else if (part.isMimeType("text/plain") && email.text == null) {
			email.text = (String) part.getContent();
		}
	}

	/**
	 * The text of an archived SMS (.json) and how it was sent.
	 */
	static Map<String, Object> sms(byte[] json) {
		@SuppressWarnings("unchecked")
		Map<String, Object> message = JSON.readValue(json, Map.class);
		return message;
	}

	/**
	 * An archived email's parts.
	 */
	public static final class Email {

		private final @Nullable String subject;

		private final String from;

		private final String to;

		private @Nullable String html;

		private @Nullable String text;

		private final List<String> attachments = new ArrayList<>();

		Email(@Nullable String subject, String from, String to) {
			this.subject = subject;
			this.from = from;
			this.to = to;
		}

		public @Nullable String getSubject() {
			return this.subject;
		}

		public String getFrom() {
			return this.from;
		}

		public String getTo() {
			return this.to;
		}

		public @Nullable String getHtml() {
			return this.html;
		}

		public @Nullable String getText() {
			return this.text;
		}

		public List<String> getAttachments() {
			return this.attachments;
		}

	}

}
