package io.tidings.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.ibm.icu.util.ULocale;
import org.jspecify.annotations.Nullable;

import io.tidings.customer.Customer;
import io.tidings.offer.Offer;
import io.tidings.render.MessageBundles;
import io.tidings.render.Messages;

/**
 * The one language of a whole document, by the campaign's fallback chain: the customer's
 * language, else the bank's language of the customer's country
 * ({@code languages.countries} of the job file, else CLDR's most likely language of the
 * country: PL gives pl, CY el), else the campaign's default ({@code languages.default},
 * en). A language qualifies only when its message bundle has every key the templates use
 * and, for a document with an offer, the offer has texts in it; the document's dates and
 * numbers follow the chosen language. A template folder without message bundles keeps the
 * customer's language, as before bundles existed.
 */
final class DocumentLanguages {

	/** Where a document's language came from, as the dry run counts it. */
	enum Source {

		CUSTOMER("customer's"), COUNTRY("country default"), CAMPAIGN("campaign default");

		private final String label;

		Source(String label) {
			this.label = label;
		}

		String label() {
			return this.label;
		}

	}

	/**
	 * @param language ISO 639 language of the whole document
	 * @param locale its locale for dates and numbers
	 * @param source which link of the chain gave it
	 */
	record Choice(String language, Locale locale, Source source) {
	}

	private final CampaignDefinition.Languages settings;

	private final MessageBundles bundles;

	DocumentLanguages(CampaignDefinition.Languages settings, MessageBundles bundles) {
		this.settings = settings;
		this.bundles = bundles;
	}

	static DocumentLanguages of(CampaignDefinition definition) {
		return new DocumentLanguages(definition.languages(), MessageBundles.load(definition.templates().folder()));
	}

	Choice choose(Customer customer, @Nullable Offer offer) {
		String country = customer.address().country().toUpperCase(Locale.ROOT);
		String own = language(customer.language());
		if (this.bundles.languages().isEmpty()) {
			return new Choice(own, Locale.forLanguageTag(own + "-" + country), Source.CUSTOMER);
		}
		if (usable(own, offer)) {
			return new Choice(own, Locale.forLanguageTag(own + "-" + country), Source.CUSTOMER);
		}
		String national = countryLanguage(country);
		if (national != null && usable(national, offer)) {
			return new Choice(national, Locale.forLanguageTag(national + "-" + country), Source.COUNTRY);
		}
		Locale fallback = Locale.forLanguageTag(this.settings.fallback());
		return new Choice(fallback.getLanguage(), fallback, Source.CAMPAIGN);
	}

	/**
	 * What keeps the campaign's default language from rendering every document: a bundle
	 * missing keys the templates use, offers without texts in it.
	 */
	List<String> defaultLanguageProblems(List<Offer> offers) {
		List<String> problems = new ArrayList<>();
		if (this.bundles.languages().isEmpty()) {
			return problems;
		}
		String fallback = Locale.forLanguageTag(this.settings.fallback()).getLanguage();
		if (!this.bundles.covers(fallback)) {
			problems.add("the default language " + fallback + " has no complete message bundle: messages/messages_"
					+ fallback + ".properties lacks " + String.join(", ", this.bundles.missingKeys(fallback)));
		}
		this.bundles.unparsable().forEach(problems::add);
		offers.stream()
			.filter(offer -> !offer.content().containsKey(fallback))
			.forEach(offer -> problems
				.add("offer " + offer.code() + " has no texts in the default language " + fallback));
		return problems;
	}

	/** The messages of a language, if the template folder has its bundle. */
	java.util.Optional<Messages> messages(String language) {
		return this.bundles.messages(language);
	}

	private boolean usable(String language, @Nullable Offer offer) {
		return this.bundles.covers(language) && (offer == null || offer.content().containsKey(language));
	}

	private @Nullable String countryLanguage(String country) {
		String configured = this.settings.countries().get(country);
		if (configured != null) {
			return language(configured);
		}
		ULocale likely = ULocale.addLikelySubtags(new ULocale("und_" + country));
		return country.equals(likely.getCountry()) ? likely.getLanguage() : null;
	}

	private static String language(String tag) {
		return Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
	}

}
