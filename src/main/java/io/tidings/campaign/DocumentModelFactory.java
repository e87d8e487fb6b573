package io.tidings.campaign;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tidings.customer.AccountTransaction;
import io.tidings.customer.AccountTransactionRepository;
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
 * carries one) and {@code statement} (for statements). {@code customer.address.lines} is
 * the address block, name first, as the post office of the customer's country wants it.
 * Values are strings, numbers, booleans, lists and maps only; dates are already formatted
 * in the customer's language; optional texts are empty strings, never missing.
 */
class DocumentModelFactory {

	private final CampaignRunContext context;

	private final AccountTransactionRepository transactions;

	private final PreferenceLinks links;

	private final PostalAddressFormat addresses;

	DocumentModelFactory(CampaignRunContext context, AccountTransactionRepository transactions, PreferenceLinks links,
			PostalAddressFormat addresses) {
		this.context = context;
		this.transactions = transactions;
		this.links = links;
		this.addresses = addresses;
	}

	DocumentModel build(Communication communication, Customer customer) {
		Locale locale = Locale.forLanguageTag(customer.language() + "-" + customer.address().country());
		DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
		Map<String, Object> values = new HashMap<>();
		values.put("customer", customer(customer));
		values.put("sender", Map.of("name", this.context.definition().sender().name(), "address",
				this.context.definition().sender().address(), "phone", this.context.definition().sender().phone(),
				"website", this.context.definition().sender().website()));
		values.put("campaign", Map.of("name", this.context.run().campaign(), "runKey", this.context.run().runKey(),
				"asOf", dates.format(this.context.asOf())));
		values.put("communication", Map.of("id", communication.id().value(), "kind", communication.kind().name(),
				"channel", communication.channel().name()));
		PreferenceLinks.Links links = this.links.linksFor(communication.id());
		values.put("links", Map.of("preferences", links.preferences(), "interest", links.interest()));
		if (communication.offerCode() != null) {
			Offer offer = this.context.offers()
				.find(communication.offerCode())
				.orElseThrow(() -> new DocumentRejectedException("offer " + communication.offerCode()
						+ " is no longer in " + this.context.definition().offersFile()));
			OfferContent content = offer.contentFor(customer.language());
			values.put("offer", Map.of("code", offer.code(), "name", offer.name(), "headline", content.headline(),
					"body", content.body(), "callToAction", content.callToAction(), "sms", content.sms()));
		}
		if (communication.kind() == DocumentKind.STATEMENT) {
			values.put("statement", statement(customer, dates));
		}
		Map<String, String> options = new HashMap<>();
		options.put("from", this.context.definition().email().from());
		if (this.context.definition().email().replyTo() != null) {
			options.put("reply-to", this.context.definition().email().replyTo());
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

	private Map<String, Object> customer(Customer customer) {
		Map<String, Object> address = new HashMap<>();
		address.put("line1", orEmpty(customer.address().line1()));
		address.put("line2", orEmpty(customer.address().line2()));
		address.put("postcode", orEmpty(customer.address().postcode()));
		address.put("city", orEmpty(customer.address().city()));
		address.put("region", orEmpty(customer.address().region()));
		address.put("country", customer.address().country());
		address.put("countryName", new Locale("", customer.address().country()).getDisplayCountry(Locale.ENGLISH)
			.toUpperCase(Locale.ROOT));
		boolean salutationFirst = customer.salutation() != null && !customer.salutation().isBlank()
				&& !"zh".equals(customer.language());
		String recipient = salutationFirst ? customer.salutation().strip() + " " + customer.fullName()
				: customer.fullName();
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

	private Map<String, Object> statement(Customer customer, DateTimeFormatter dates) {
		LocalDate to = this.context.asOf();
		LocalDate from = to.minusMonths(this.context.definition().statementMonths()).plusDays(1);
		List<AccountTransaction> booked = this.transactions.findForPeriod(customer.id(), from, to);
		BigDecimal credits = BigDecimal.ZERO;
		BigDecimal debits = BigDecimal.ZERO;
		List<Map<String, Object>> lines = new java.util.ArrayList<>();
		for (AccountTransaction transaction : booked) {
			if (transaction.amount().signum() >= 0) {
				credits = credits.add(transaction.amount());
			}
			else {
				debits = debits.add(transaction.amount());
			}
			lines.add(Map.of("date", dates.format(transaction.bookedOn()), "description", transaction.description(),
					"amount", transaction.amount(), "currency", transaction.currency()));
		}
		Map<String, Object> statement = new HashMap<>();
		statement.put("periodStart", dates.format(from));
		statement.put("periodEnd", dates.format(to));
		statement.put("transactions", lines);
		statement.put("credits", credits);
		statement.put("debits", debits);
		statement.put("closingBalance", customer.balance());
		statement.put("openingBalance", customer.balance().subtract(credits).subtract(debits));
		return statement;
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

}
