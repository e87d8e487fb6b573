package io.tidings.campaign;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.customer.AccountTransactionRepository;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerImport;
import io.tidings.customer.CustomerRepository;
import io.tidings.offer.OfferCatalog;
import io.tidings.offer.OfferContent;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.DecisionDetails;
import io.tidings.outbox.DocumentComposer;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.DocumentModel;
import io.tidings.outbox.RunRef;
import io.tidings.preference.PreferenceLinks;
import io.tidings.print.PrintSettings;
import io.tidings.render.MessageBundles;
import io.tidings.render.Messages;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's documents (jobs/quarterly-statements.yml, samples/customers.csv) for a
 * customer of every language of the sample customers: the statement and the mailer (PDF
 * text), the cross-sell email (subject and parts) and SMS each carry the labels and the
 * offer of the customer's language and none of English's (where they differ), and no
 * English title before the name.
 */
@SpringBootTest
class DocumentLanguageFunctionalTests {

	private static final String OFFER = "TRAVEL_INS";

	private static final Pattern ENGLISH_TITLE = Pattern.compile("(?<!\\p{L})(Mr|Mrs|Ms)(?!\\p{L})");

	@TempDir
	static Path folder;

	@Autowired
	CustomerImport customerImport;

	@Autowired
	CustomerRepository customers;

	@Autowired
	AccountTransactionRepository transactions;

	@Autowired
	StatementModels statements;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PreferenceLinks links;

	@Autowired
	PrintSettings print;

	@Autowired
	List<DocumentComposer> composers;

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
		registry.add("tidings.print.sender-country", () -> "PT");
	}

	@Test
	void shouldWriteEveryDocumentOfACustomerWhollyInTheCustomersLanguage() throws Exception {
		// given the sample customers, the demo job and its bundles
		Map<String, String> firstOfEachLanguage = firstCustomerOfEachLanguage();
		assertThat(firstOfEachLanguage).hasSizeGreaterThanOrEqualTo(19);
		this.customerImport.importFiles(
				sampleRows("customers.csv", "customer_id", firstOfEachLanguage.values().stream().toList()),
				Path.of("samples/customers.mapping.yml"),
				sampleRows("transactions.csv", "customer_id", firstOfEachLanguage.values().stream().toList()));
		CampaignDefinition definition = CampaignDefinition.load(Path.of("jobs/quarterly-statements.yml"));
		CampaignRunContext context = new CampaignRunContext(definition, OfferCatalog.load(definition.offersFile()),
				new RunRef(definition.campaign(), "2026-06-30"), LocalDate.of(2026, 6, 30), false);
		DocumentModelFactory models = new DocumentModelFactory(context, this.statements, this.links,
				this.print.addressFormat());
		MessageBundles bundles = MessageBundles.load(definition.templates().folder());
		Messages english = bundles.messages("en").orElseThrow();
		OfferContent englishOffer = context.offers().find(OFFER).orElseThrow().contentFor("en");
		Map<Channel, DocumentComposer> composer = new EnumMap<>(Channel.class);
		this.composers.forEach(each -> composer.put(each.channel(), each));
		for (Map.Entry<String, String> sample : firstOfEachLanguage.entrySet()) {
			String language = sample.getKey();
			Customer customer = this.customers
				.findById(this.customers.findIdBySource(sample.getValue()).orElse(sample.getValue()))
				.orElseThrow();
			Messages messages = bundles.messages(language).orElseThrow();
			OfferContent offer = context.offers().find(OFFER).orElseThrow().contentFor(language);
			Map<String, Object> names = names(customer);
			// when
			Communication statementOf = communication(customer, Channel.PRINT, DocumentKind.STATEMENT, null);
			DocumentModel unnumbered = models.build(statementOf, customer);
			assertThat(this.jdbc.sql("SELECT COUNT(*) FROM statement_number WHERE customer_id = ?")
				.param(customer.id())
				.query(Integer.class)
				.single()).as("the model of a real run's statement takes no number: the chunk's writer does").isZero();
			String statement = pdfText(composer.get(Channel.PRINT)
				.compose(statementOf, this.statements.numbered(statementOf, unnumbered))
				.content());
			Communication mailerOf = communication(customer, Channel.PRINT, DocumentKind.CROSS_SELL, OFFER);
			String mailer = pdfText(
					composer.get(Channel.PRINT).compose(mailerOf, models.build(mailerOf, customer)).content());
			Communication emailOf = communication(customer, Channel.EMAIL, DocumentKind.CROSS_SELL, OFFER);
			String email = emailText(composer.get(Channel.EMAIL)
				.compose(emailOf, withRecipient(models.build(emailOf, customer)))
				.content());
			Communication smsOf = communication(customer, Channel.SMS, DocumentKind.CROSS_SELL, OFFER);
			String sms = new String(
					composer.get(Channel.SMS).compose(smsOf, withRecipient(models.build(smsOf, customer))).content(),
					StandardCharsets.UTF_8);
			// then
			Documents documents = new Documents(language, messages, english);
			documents.check("statement", statement, "statement.title", "statement.period", "statement.customer",
					"statement.opening", "statement.credits", "statement.debits", "statement.closing",
					"letter.questions", "letter.reference");
			documents.check("mailer", mailer, "letter.questions", "letter.reference");
			documents.checkSalutation("mailer", mailer, names);
			documents.check("email", email, "link.interested", "link.preferences");
			documents.checkSalutation("email", email, names);
			if (!language.equals("en")) {
				documents.offer("mailer", mailer, offer.headline(), englishOffer.headline());
				documents.offer("email", email, offer.headline(), englishOffer.headline());
				documents.offer("sms", sms, offer.sms(), englishOffer.sms());
				assertThat(ENGLISH_TITLE.matcher(mailer).find()).as(language + " mailer: " + mailer).isFalse();
			}
			assertThat(statement).as(language + " statement")
				.contains(normal(messages.format("statement.transactions",
						Map.of("count",
								this.transactions
									.findForPeriod(customer.id(), LocalDate.of(2026, 4, 1), LocalDate.of(2026, 6, 30))
									.size()))));
		}
	}

	/** What the assertions compare, per language. */
	private record Documents(String language, Messages messages, Messages english) {

		void check(String what, String text, String... keys) {
			for (String key : keys) {
				String label = normal(this.messages.format(key, Map.of()));
				String englishLabel = normal(this.english.format(key, Map.of()));
				assertThat(text).as(this.language + " " + what + " has " + key).contains(label);
				if (!this.language.equals("en") && !label.equals(englishLabel)) {
					assertThat(word(englishLabel).matcher(text).find())
						.as(this.language + " " + what + " has English " + key + " '" + englishLabel + "': " + text)
						.isFalse();
				}
			}
		}

		void checkSalutation(String what, String text, Map<String, Object> names) {
			assertThat(text).as(this.language + " " + what + " salutation")
				.contains(normal(this.messages.format("salutation", names)));
			if (!this.language.equals("en")) {
				assertThat(word("Dear").matcher(text).find()).as(this.language + " " + what + ": " + text).isFalse();
			}
		}

		void offer(String what, String text, String own, String english) {
			assertThat(text).as(this.language + " " + what + " offer").contains(normal(own));
			if (!own.equals(english)) {
				assertThat(text).as(this.language + " " + what + " English offer").doesNotContain(normal(english));
			}
		}

	}

	/**
	 * The rows of a sample file whose column holds one of the values, in a file of their
	 * own.
	 */
	private static Path sampleRows(String file, String column, List<String> values) throws IOException {
		List<String> rows = Files.readAllLines(Path.of("samples").resolve(file), StandardCharsets.UTF_8);
		int index = List.of(rows.get(0).split(",")).indexOf(column);
		List<String> kept = new ArrayList<>(List.of(rows.get(0)));
		rows.stream().skip(1).filter(row -> values.contains(row.split(",", -1)[index])).forEach(kept::add);
		return Files.write(folder.resolve(file), kept, StandardCharsets.UTF_8);
	}

	private static Pattern word(String text) {
		return Pattern.compile("(?<!\\p{L})" + Pattern.quote(text) + "(?!\\p{L})");
	}

	private static Map<String, Object> names(Customer customer) {
		Map<String, Object> names = new HashMap<>();
		names.put("salutation", (customer.salutation() != null) ? customer.salutation() : "");
		names.put("firstName", (customer.firstName() != null) ? customer.firstName() : "");
		names.put("lastName", (customer.lastName() != null) ? customer.lastName() : "");
		names.put("fullName", customer.fullName());
		return names;
	}

	private static Map<String, String> firstCustomerOfEachLanguage() throws IOException {
		Map<String, String> first = new LinkedHashMap<>();
		List<String> rows = Files.readAllLines(Path.of("samples/customers.csv"), StandardCharsets.UTF_8);
		List<String> header = List.of(rows.get(0).split(","));
		for (String row : rows.subList(1, rows.size())) {
			String[] cells = row.split(",", -1);
			first.putIfAbsent(cells[header.indexOf("language")], cells[header.indexOf("customer_id")]);
		}
		return first;
	}

	/**
	 * The model with an address and a number for customers of the sample who have none.
	 */
	private static DocumentModel withRecipient(DocumentModel model) {
		Map<String, String> options = new HashMap<>(model.options());
		options.putIfAbsent("to", model.template().startsWith("sms") ? "+15005550006" : "customer@example.com");
		return new DocumentModel(model.templatesRoot(), model.template(), model.locale(), model.values(), options,
				model.attachments());
	}

	private static Communication communication(Customer customer, Channel channel, DocumentKind kind,
			String offerCode) {
		String template = switch (channel) {
			case EMAIL -> "email/cross-sell.html.ftlh";
			case SMS -> "sms/cross-sell.ftl";
			default -> (kind == DocumentKind.STATEMENT) ? "statement/statement.ftlh" : "mailer/cross-sell.ftlh";
		};
		return new Communication(CommunicationId.of("quarterly-statements", "2026-06-30", customer.id(), channel, kind),
				new RunRef("quarterly-statements", "2026-06-30"), customer.id(), channel, kind, offerCode, template,
				"test", CommunicationState.PLANNED, null, null, null, null, null, Instant.EPOCH, null, null, null, null,
				null, null, null, null, new DecisionDetails(null, null, null, null));
	}

	private static String pdfText(byte[] pdf) throws IOException {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			return normal(new PDFTextStripper().getText(document));
		}
	}

	private static String emailText(byte[] eml) throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
		List<String> texts = new ArrayList<>();
		texts.add(message.getSubject());
		collect(message, texts);
		return normal(String.join("\n", texts));
	}

	private static void collect(Part part, List<String> texts) throws Exception {
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int index = 0; index < multipart.getCount(); index++) {
				BodyPart child = multipart.getBodyPart(index);
				collect(child, texts);
			}
		}
		else if (part.isMimeType("text/*")) {
			texts.add(HtmlUtils.htmlUnescape(String.valueOf(part.getContent()).replaceAll("<[^>]+>", " ")));
		}
	}

	private static String normal(String text) {
		return text.replaceAll("\\s+", " ").strip();
	}

}
