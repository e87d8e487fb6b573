package io.tidings.campaign;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.FileSystemUtils;

import io.tidings.campaign.DocumentLanguages.Choice;
import io.tidings.campaign.DocumentLanguages.Source;
import io.tidings.customer.Customer;
import io.tidings.customer.PostalAddress;
import io.tidings.offer.Offer;
import io.tidings.offer.OfferCatalog;
import io.tidings.render.MessageBundles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fallback chain of a document's language over the shipped bundles: the customer's
 * language, the bank's language of the customer's country, the campaign's default; a
 * language qualifies only with a complete bundle and, for an offer, the offer's texts.
 */
class DocumentLanguagesTests {

	private static final MessageBundles SHIPPED = MessageBundles.load(Path.of("templates"));

	private final DocumentLanguages languages = new DocumentLanguages(
			new CampaignDefinition.Languages("en", Map.of("CH", "de")), SHIPPED);

	@Test
	void shouldKeepTheCustomersLanguageAndLocaleWhenItsBundleIsComplete() {
		assertThat(this.languages.choose(customer("pl", "PL"), null))
			.isEqualTo(new Choice("pl", Locale.forLanguageTag("pl-PL"), Source.CUSTOMER));
	}

	@Test
	void shouldTakeTheBanksLanguageOfTheCountryFromCldrOrTheJobFileWhenTheCustomersHasNoBundle() {
		assertThat(this.languages.choose(customer("lb", "LU"), null))
			.isEqualTo(new Choice("fr", Locale.forLanguageTag("fr-LU"), Source.COUNTRY));
		assertThat(this.languages.choose(customer("ga", "IE"), null))
			.isEqualTo(new Choice("en", Locale.forLanguageTag("en-IE"), Source.COUNTRY));
		assertThat(this.languages.choose(customer("rm", "CH"), null))
			.isEqualTo(new Choice("de", Locale.forLanguageTag("de-CH"), Source.COUNTRY));
	}

	@Test
	void shouldFallBackToTheCampaignDefaultInItsOwnLocaleWhenNeitherHasABundle() {
		assertThat(this.languages.choose(customer("ja", "JP"), null))
			.isEqualTo(new Choice("en", Locale.forLanguageTag("en"), Source.CAMPAIGN));
		DocumentLanguages british = new DocumentLanguages(new CampaignDefinition.Languages("en-GB", Map.of()), SHIPPED);
		assertThat(british.choose(customer("ja", "JP"), null))
			.isEqualTo(new Choice("en", Locale.forLanguageTag("en-GB"), Source.CAMPAIGN));
	}

	@Test
	void shouldPutTheWholeDocumentInTheNextLanguageWhenItsOfferHasNoTextsInTheCustomersLanguage(@TempDir Path folder)
			throws IOException {
		// given an offer in English and German only
		Offer offer = offer(folder);
		// when / then
		assertThat(this.languages.choose(customer("pl", "PL"), offer).language()).isEqualTo("en");
		assertThat(this.languages.choose(customer("pl", "PL"), offer).source()).isEqualTo(Source.CAMPAIGN);
		assertThat(this.languages.choose(customer("fr", "CH"), offer))
			.isEqualTo(new Choice("de", Locale.forLanguageTag("de-CH"), Source.COUNTRY));
	}

	@Test
	void shouldRefuseADefaultLanguageWithoutABundleOrAnOfferWithoutTextsInIt(@TempDir Path folder) throws IOException {
		Offer offer = offer(folder);
		assertThat(this.languages.defaultLanguageProblems(List.of(offer))).isEmpty();
		DocumentLanguages japanese = new DocumentLanguages(new CampaignDefinition.Languages("ja", Map.of()), SHIPPED);
		assertThat(japanese.defaultLanguageProblems(List.of(offer))).hasSize(2)
			.anySatisfy(problem -> assertThat(problem).startsWith("the default language ja has no complete"))
			.anySatisfy(problem -> assertThat(problem).isEqualTo("offer SAVE has no texts in the default language ja"));
	}

	@Test
	void shouldRefuseABundleWithAPatternThatDoesNotParse(@TempDir Path folder) throws IOException {
		// given the shipped templates with a German text left open
		Path templates = folder.resolve("templates");
		FileSystemUtils.copyRecursively(Path.of("templates"), templates);
		Path german = templates.resolve("messages/messages_de.properties");
		Files.writeString(german, Files.readString(german) + "statement.iban=IBAN {broken\n");
		DocumentLanguages languages = new DocumentLanguages(new CampaignDefinition.Languages("en", Map.of()),
				MessageBundles.load(templates));
		// when
		List<String> problems = languages.defaultLanguageProblems(List.of(offer(folder)));
		// then
		assertThat(problems).singleElement()
			.asString()
			.startsWith("messages_de.properties statement.iban does not parse");
	}

	@Test
	void shouldKeepTheCustomersLanguageWithATemplateFolderWithoutBundles(@TempDir Path folder) {
		DocumentLanguages none = new DocumentLanguages(new CampaignDefinition.Languages("en", Map.of()),
				MessageBundles.load(folder));
		assertThat(none.choose(customer("ja", "JP"), null))
			.isEqualTo(new Choice("ja", Locale.forLanguageTag("ja-JP"), Source.CUSTOMER));
	}

	private static Offer offer(Path folder) throws IOException {
		Path file = Files.writeString(folder.resolve("offers.yml"), """
				offers:
				  - code: SAVE
				    name: Savings
				    priority: 1
				    margin: 1
				    eligibility: "true"
				    content:
				      en: { headline: Save, body: Save more., call-to-action: Ask us, sms: Save more. }
				      de: { headline: Sparen, body: Mehr sparen., call-to-action: Fragen Sie uns, sms: Mehr sparen. }
				""");
		return OfferCatalog.load(file).find("SAVE").orElseThrow();
	}

	private static Customer customer(String language, String country) {
		return new Customer("C1", "Ms", "Ana", "Nowak", language,
				new PostalAddress("1 Road", null, "1000", "City", country), null, null, null, BigDecimal.ONE, "EUR",
				Set.of(), 0, null, false, false, false, Map.of());
	}

}
