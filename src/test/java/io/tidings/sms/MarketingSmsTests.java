package io.tidings.sms;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.offer.Offer;
import io.tidings.offer.OfferCatalog;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.DecisionDetails;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.DocumentModel;
import io.tidings.outbox.RunRef;
import io.tidings.render.TemplateEngine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The demo's marketing SMS (templates/sms/cross-sell.ftl with the offers of
 * samples/offers.yml) rendered for a customer of each language of samples/customers.csv,
 * as the demo job renders them: every one ends with the stop instruction of the
 * customer's language and fits the job's segment limit; one in the GSM-7 alphabet
 * (English and the other Latin-script languages) takes one segment.
 */
class MarketingSmsTests {

	/** As jobs/quarterly-statements.yml names the sender and limits segments. */
	private static final String SENDER = "Tidings Bank";

	private static final int JOB_MAX_SEGMENTS = 4;

	/**
	 * A preference-centre link on the default base URL: a token is always 46 characters.
	 */
	private static final String LINK = "http://localhost:8080/p/" + "A".repeat(46);

	private final SmsKeywords keywords = new SmsKeywords(
			new SmsKeywordSettings("Tidings Bank, +351 210 000 000", Map.of()));

	private final SmsDocumentComposer composer = new SmsDocumentComposer(new TemplateEngine(), settings(),
			this.keywords);

	@Test
	void shouldEndEveryMarketingSmsWithTheStopInstructionOfTheCustomersLanguageWithinTheSegmentLimit()
			throws IOException {
		// given a customer of each sample language, and each offer that may go by SMS
		OfferCatalog catalog = OfferCatalog.load(Path.of("samples/offers.yml"));
		List<Offer> smsOffers = catalog.offers()
			.stream()
			.filter(offer -> offer.channels().contains(Channel.SMS))
			.toList();
		assertThat(smsOffers).isNotEmpty();
		Map<String, CSVRecord> byLanguage = new LinkedHashMap<>();
		try (Reader reader = Files.newBufferedReader(Path.of("samples/customers.csv"), StandardCharsets.UTF_8)) {
			CSVFormat.DEFAULT.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(reader)
				.forEach(row -> byLanguage.putIfAbsent(row.get("language"), row));
		}
		assertThat(byLanguage).hasSizeGreaterThanOrEqualTo(19);
		for (CSVRecord customer : byLanguage.values()) {
			for (Offer offer : smsOffers) {
				// when
				SmsMessage sms = SmsMessage.fromJson(this.composer
					.compose(communication(DocumentKind.CROSS_SELL), model(customer, offer, "sms/cross-sell.ftl"))
					.content());
				// then
				Locale locale = Locale.forLanguageTag(customer.get("language") + "-" + customer.get("country"));
				String what = customer.get("language") + " " + offer.code() + ": " + sms.body();
				assertThat(sms.body()).as(what)
					.endsWith("\n" + this.keywords.stopInstruction(locale))
					.doesNotContain("INFO");
				assertThat(sms.segments()).as(what).isLessThanOrEqualTo(JOB_MAX_SEGMENTS);
				if (sms.encoding().equals("GSM-7")) {
					assertThat(sms.segments()).as(what).isEqualTo(1);
				}
			}
		}
	}

	@Test
	void shouldWarnOnADryRunProofWhenLongerNamesWouldTakeMoreSegmentsThanTheJobAllows(@TempDir Path templates)
			throws IOException {
		// given a template that greets the customer by name, and a job allowing one
		// segment
		Files.createDirectories(templates.resolve("sms"));
		Files.writeString(templates.resolve("sms/hello.ftl"),
				"Dear ${customer.firstName} ${customer.lastName}, ${offer.sms} ${links.preferences}");
		Map<String, Object> values = Map.of("customer",
				Map.of("firstName", "Ann", "lastName", "Lee", "fullName", "Ann Lee"), "offer",
				Map.of("sms", "Fixed rate for 12 months: open a term deposit."), "links", Map.of("preferences", LINK));
		DocumentModel model = new DocumentModel(templates, "sms/hello.ftl", Locale.forLanguageTag("en-GB"), values,
				Map.of(SmsDocumentComposer.TO, "+447400123456", SmsDocumentComposer.MAX_SEGMENTS, "1"));
		Communication communication = communication(DocumentKind.CROSS_SELL);
		// when Ann's SMS is composed and checked
		assertThatNoException().isThrownBy(() -> this.composer.compose(communication, model));
		List<String> warnings = this.composer.proofWarnings(communication, model);
		// then hers fits, but one to a customer with long names would not
		assertThat(warnings).singleElement()
			.asString()
			.contains("sms/hello.ftl would need 2 segments (GSM-7", "30-character names", "limit of 1");
		// and with two segments allowed, nothing to warn of
		assertThat(this.composer.proofWarnings(communication,
				new DocumentModel(templates, "sms/hello.ftl", model.locale(), values,
						Map.of(SmsDocumentComposer.TO, "+447400123456", SmsDocumentComposer.MAX_SEGMENTS, "2"))))
			.isEmpty();
	}

	private static SmsSettings settings() {
		return new SmsSettings(null, null, null, null, java.net.URI.create("https://api.twilio.com"), null, 4, 0, null,
				java.time.Duration.ofSeconds(30));
	}

	private static DocumentModel model(CSVRecord customer, Offer offer, String template) {
		Map<String, Object> values = Map.of("sender", Map.of("name", SENDER), "customer",
				Map.of("firstName", customer.get("first_name"), "lastName", customer.get("last_name"), "fullName",
						customer.get("first_name") + " " + customer.get("last_name")),
				"offer", Map.of("sms", offer.contentFor(customer.get("language")).sms()), "links",
				Map.of("preferences", LINK));
		return new DocumentModel(Path.of("templates"), template,
				Locale.forLanguageTag(customer.get("language") + "-" + customer.get("country")), values,
				Map.of(SmsDocumentComposer.TO, "+15005550006", SmsDocumentComposer.MAX_SEGMENTS,
						String.valueOf(JOB_MAX_SEGMENTS)));
	}

	private static Communication communication(DocumentKind kind) {
		return new Communication(new CommunicationId("00000000-0000-5000-8000-000000000022"),
				new RunRef("quarterly-statements", "2026-09-30"), "C000001", Channel.SMS, kind, null,
				"sms/cross-sell.ftl", "test", CommunicationState.PLANNED, null, null, null, null, null, Instant.EPOCH,
				null, null, null, null, null, null, null, null, new DecisionDetails(null, null, null, null));
	}

}
