package io.tidings.console;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import javax.sql.DataSource;

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
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DeliveryEvent;
import io.tidings.outbox.DeliveryEvents;
import io.tidings.policy.ConsentEvent;
import io.tidings.policy.ConsentRegistry;
import io.tidings.policy.ContactPermissions;
import io.tidings.policy.SuppressionEntry;
import io.tidings.response.ContactResponse;
import io.tidings.response.ContactResponseRepository;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The call centre's view of a customer, from the other modules' public APIs: who they
 * are, their consent state, every communication with the offer, the reasons and the exact
 * archived document (PDF, email HTML and text, SMS text), their responses and delivery
 * reports. Search finds customers by id (or an imported source id), name, email or phone.
 */
@Component
class CustomerViews {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MATCHES = 50;

	private final CustomerRepository customers;

	private final Communications communications;

	private final ConsentRegistry consents;

	private final ContactResponseRepository responses;

	private final DeliveryEvents deliveryEvents;

	private final DocumentArchive archive;

	private final JdbcClient jdbc;

	CustomerViews(CustomerRepository customers, Communications communications, ConsentRegistry consents,
			ContactResponseRepository responses, DeliveryEvents deliveryEvents, DocumentArchive archive,
			DataSource dataSource) {
		this.customers = customers;
		this.communications = communications;
		this.consents = consents;
		this.responses = responses;
		this.deliveryEvents = deliveryEvents;
		this.archive = archive;
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * Customers whose id, source id, email, phone or name matches, at most 50.
	 */
	List<Customer> search(String query) {
		String text = query.strip();
		if (text.isEmpty()) {
			return List.of();
		}
		Set<String> ids = new LinkedHashSet<>();
		this.customers.findById(text).ifPresent((customer) -> ids.add(customer.id()));
		this.customers.findIdBySource(text).ifPresent(ids::add);
		if (text.contains("@")) {
			ids.addAll(this.customers.findIdsByEmail(text));
		}
		String digits = text.replaceAll("[\\s().-]", "");
		if (digits.matches("\\+?\\d{4,}")) {
			String national = digits.startsWith("00") ? digits.substring(2) : digits.replaceFirst("^\\+", "");
			ids.addAll(this.jdbc.sql("SELECT customer_id FROM customer WHERE phone LIKE ? ORDER BY customer_id")
				.param("%" + national.replaceFirst("^0", ""))
				.query(String.class)
				.list());
		}
		if (ids.size() < MATCHES && text.length() >= 2 && !text.contains("@")) {
			String like = "%"
					+ text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
			ids.addAll(this.jdbc.sql("""
					SELECT customer_id FROM customer
					WHERE LOWER(COALESCE(first_name, '') || ' ' || COALESCE(last_name, '')) LIKE ? ESCAPE '\\'
					OR LOWER(COALESCE(last_name, '') || ' ' || COALESCE(first_name, '')) LIKE ? ESCAPE '\\'
					OR LOWER(COALESCE(email, '')) LIKE ? ESCAPE '\\'
					ORDER BY last_name, first_name, customer_id FETCH FIRST %d ROWS ONLY""".formatted(MATCHES))
				.params(like, like, like)
				.query(String.class)
				.list());
		}
		List<Customer> found = new ArrayList<>();
		for (String id : ids) {
			if (found.size() >= MATCHES) {
				break;
			}
			this.customers.findById(id).ifPresent(found::add);
		}
		return found;
	}

	/**
	 * Everything the call centre sees of a customer (an imported source id finds the
	 * customer it was merged into).
	 */
	Optional<CustomerView> find(String customerId) {
		String id = this.customers.findIdBySource(customerId).orElse(customerId);
		return this.customers.findById(id).map((customer) -> {
			ContactPermissions permissions = this.consents.permissions(customer);
			List<Communication> communications = new ArrayList<>(this.communications.findByCustomer(id));
			java.util.Collections.reverse(communications);
			return new CustomerView(customer, permissions, this.consents.consentHistory(id),
					this.consents.suppressionsOf(customer), communications, this.responses.findByCustomer(id),
					this.deliveryEvents.findByCustomer(id), this.customers.household(id));
		});
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
		Path file = this.archive.resolve(communication.archivePath());
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(Files.readAllBytes(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the archived document of " + communication.id(), ex);
		}
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

	/**
	 * A customer as the call centre sees them.
	 *
	 * @param customer the customer
	 * @param permissions what they allow per channel now
	 * @param consentHistory consent given and withdrawn
	 * @param suppressions suppression list entries that apply to them
	 * @param communications what they were sent (or why not), newest first
	 * @param responses their responses
	 * @param deliveryReports bounces, receipts, replies, returned mail
	 * @param household customers at the same address
	 */
	public record CustomerView(Customer customer, ContactPermissions permissions, List<ConsentEvent> consentHistory,
			List<SuppressionEntry> suppressions, List<Communication> communications, List<ContactResponse> responses,
			List<DeliveryEvent> deliveryReports, List<String> household) {
	}

}
