package io.tidings.campaign;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.tidings.customer.Customer;
import io.tidings.customer.PostalAddressFormat;
import io.tidings.offer.Offer;
import io.tidings.offer.OfferContent;
import io.tidings.outbox.Communication;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.DocumentModel;
import io.tidings.outbox.DocumentRejectedException;
import io.tidings.preference.PreferenceLinks;

/**
 * Builds what a template sees for one communication: {@code customer}, {@code sender},
 * {@code campaign}, {@code communication}, {@code links} (signed links to the preference
 * centre: {@code preferences}, {@code interest}), {@code offer} (when the communication
 * carries one) and {@code statement} (for statements: {@link StatementModels}).
 * {@code customer.address.lines} is the address block, name first, as the post office of
 * the customer's country wants it. {@code document.language} is the one language of the
 * whole document, chosen by {@link DocumentLanguages}, and
 * {@code document.languageSource} where it came from. Values are strings, numbers,
 * booleans, lists and maps only; dates are already formatted in the document's language;
 * optional texts are empty strings, never missing. A real run's {@code statement.number}
 * is added when the chunk is written ({@link StatementModels#numbered}).
 */
class DocumentModelFactory {

	private final CampaignRunContext context;

	private final StatementModels statements;

	private final PreferenceLinks links;

	private final PostalAddressFormat addresses;

	private final DocumentLanguages languages;

	DocumentModelFactory(CampaignRunContext context, StatementModels statements, PreferenceLinks links,
			PostalAddressFormat addresses) {
		this.context = context;
		this.statements = statements;
		this.links = links;
		this.addresses = addresses;
		this.languages = DocumentLanguages.of(context.definition());
	}

	DocumentModel build(Communication communication, Customer customer) {
		Offer offer = null;
		if (communication.offerCode() != null) {
			offer = this.context.offers()
				.find(communication.offerCode())
				.orElseThrow(() -> new DocumentRejectedException("offer " + communication.offerCode()
						+ " is no longer in " + this.context.definition().offersFile()));
		}
		DocumentLanguages.Choice language = this.languages.choose(customer, offer);
		Locale locale = language.locale();
		DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
		Map<String, Object> values = new HashMap<>();
		values.put("customer", customer(customer, language.language()));
		values.put("document", Map.of("language", language.language(), "languageSource", language.source().label()));
		values.put("sender", Map.of("name", this.context.definition().sender().name(), "address",
				this.context.definition().sender().address(), "phone", this.context.definition().sender().phone(),
				"website", this.context.definition().sender().website()));
		values.put("campaign", Map.of("name", this.context.run().campaign(), "runKey", this.context.run().runKey(),
				"asOf", dates.format(this.context.asOf())));
		values.put("communication", Map.of("id", communication.id().value(), "kind", communication.kind().name(),
				"channel", communication.channel().name()));
		PreferenceLinks.Links links = this.links.linksFor(communication.id());
		values.put("links", Map.of("preferences", links.preferences(), "interest", links.interest()));
		if (offer != null) {
			OfferContent content = offer.contentFor(language.language());
			values.put("offer", Map.of("code", offer.code(), "name", offer.name(), "headline", content.headline(),
					"body", content.body(), "callToAction", content.callToAction(), "sms", content.sms()));
		}
		if (communication.kind() == DocumentKind.STATEMENT) {
			values.put(StatementModels.STATEMENT, this.statements.build(this.context, customer, dates));
		}
		Map<String, String> options = new HashMap<>();
		CampaignDefinition.EmailSender from = this.context.definition().email().senderOf(communication.kind());
		options.put("from", from.from());
		if (from.replyTo() != null) {
			options.put("reply-to", from.replyTo());
		}
		if (communication.channel() == io.tidings.outbox.Channel.EMAIL && customer.email() != null) {
			options.put("to", customer.email());
			options.put("to-name", customer.fullName());
		}
		if (communication.channel() == io.tidings.outbox.Channel.SMS && customer.phone() != null) {
			options.put("to", customer.phone());
		}
		options.put("unsubscribe-url", links.unsubscribe());
		if (this.context.definition().sms().maxSegments() != null) {
			options.put("max-segments", String.valueOf(this.context.definition().sms().maxSegments()));
		}
		return new DocumentModel(this.context.definition().templates().folder(), communication.template(), locale,
				values, options);
	}

	/**
	 * The model of the email that carries a legally required document to a customer who
	 * chose electronic delivery: the campaign's {@code templates.email-statement}
	 * template, with the document's PDF attached.
	 */
	DocumentModel electronicDelivery(DocumentModel document, byte[] pdf) {
		String template = this.context.definition().templates().emailStatement();
		if (template == null) {
			throw new DocumentRejectedException(
					"the job file has no templates.email-statement to send " + document.template() + " by email");
		}
		return document.withTemplateAndAttachment(template, new DocumentModel.Attachment(
				"statement-" + this.context.run().runKey() + ".pdf", "application/pdf", pdf));
	}

	private Map<String, Object> customer(Customer customer, String language) {
		Map<String, Object> address = new HashMap<>();
		address.put("line1", orEmpty(customer.address().line1()));
		address.put("line2", orEmpty(customer.address().line2()));
		address.put("postcode", orEmpty(customer.address().postcode()));
		address.put("city", orEmpty(customer.address().city()));
		address.put("region", orEmpty(customer.address().region()));
		address.put("country", customer.address().country());
		address.put("countryName", new Locale("", customer.address().country()).getDisplayCountry(Locale.ENGLISH)
			.toUpperCase(Locale.ROOT));
		String recipient = this.languages.messages(language)
			.map(messages -> messages.format("address.recipient",
					Map.of("salutation", orEmpty(customer.salutation()).strip(), "name", customer.fullName())))
			.orElseGet(() -> legacyRecipient(customer));
		address.put("lines", this.addresses.lines(recipient, customer.address()));
		Map<String, Object> values = new HashMap<>();
		values.put("id", customer.id());
		values.put("salutation", orEmpty(customer.salutation()));
		values.put("firstName", orEmpty(customer.firstName()));
		values.put("lastName", orEmpty(customer.lastName()));
		values.put("fullName", customer.fullName());
		values.put("language", customer.language());
		values.put("email", orEmpty(customer.email()));
		values.put("phone", orEmpty(customer.phone()));
		values.put("address", address);
		values.put("balance", customer.balance());
		values.put("currency", customer.currency());
		return values;
	}

	/** The recipient line of a template folder without message bundles. */
	private static String legacyRecipient(Customer customer) {
		boolean salutationFirst = customer.salutation() != null && !customer.salutation().isBlank()
				&& !"zh".equals(customer.language());
		return salutationFirst ? customer.salutation().strip() + " " + customer.fullName() : customer.fullName();
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

}
