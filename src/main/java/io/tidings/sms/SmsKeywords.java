package io.tidings.sms;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The one keyword policy of inbound SMS, for the webhook and for ingested files alike:
 * the words a customer replies with to stop, restart or ask for help, as carriers and
 * Twilio honour them (the whole reply, in any case, with or without accents, surrounding
 * spaces and punctuation ignored: "Stop.", " arrêt "), in every configured language at
 * once, since a customer may answer in a language other than the one on file. Twilio's
 * {@code OptOutType} field (Advanced Opt-Out), when present, decides. Also the texts that
 * go with the words: the stop instruction of marketing SMS and the answer to a help
 * request, per language.
 */
@Component
class SmsKeywords {

	enum Keyword {

		OPT_OUT, OPT_IN, HELP

	}

	/**
	 * A reply that is a keyword.
	 *
	 * @param keyword what it asks for
	 * @param word the word, normalised (as history shows it)
	 * @param language a language the word belongs to, for an answer when the sender is no
	 * known customer
	 */
	record Match(Keyword keyword, String word, String language) {

	}

	private final Map<String, SmsLanguage> languages = new HashMap<>();

	private final Map<String, Match> words = new HashMap<>();

	private final String helpContact;

	SmsKeywords(SmsKeywordSettings settings) {
		this.languages.putAll(SmsLanguages.DEFAULTS);
		settings.languages().forEach((tag, configured) -> {
			String key = tag.toLowerCase(Locale.ROOT).replace('_', '-');
			SmsLanguage defaults = this.languages.getOrDefault(key,
					this.languages.getOrDefault(key.split("-")[0], SmsLanguages.DEFAULTS.get(SmsLanguages.FALLBACK)));
			this.languages.put(key, configured.over(defaults));
		});
		// the fallback language first, so that its words keep it as their language; then
		// in a fixed order, so that a word two languages share always names the same one
		index(SmsLanguages.FALLBACK, this.languages.get(SmsLanguages.FALLBACK));
		new TreeMap<>(this.languages).forEach(this::index);
		this.helpContact = settings.helpContact().strip();
	}

	private void index(String language, SmsLanguage entry) {
		add(entry.stopWords(), Keyword.OPT_OUT, language);
		add(entry.startWords(), Keyword.OPT_IN, language);
		add(entry.helpWords(), Keyword.HELP, language);
	}

	private void add(List<String> list, Keyword keyword, String language) {
		for (String word : list) {
			String normal = normalise(word);
			this.words.putIfAbsent(normal, new Match(keyword, normal, language));
		}
	}

	/**
	 * What a reply asks for, if it is a keyword.
	 * @param body the reply
	 * @param optOutType Twilio's {@code OptOutType} (STOP, START, HELP), if sent
	 */
	Optional<Match> read(@Nullable String body, @Nullable String optOutType) {
		if (optOutType != null && !optOutType.isBlank()) {
			String type = optOutType.strip().toUpperCase(Locale.ROOT);
			Keyword keyword = switch (type) {
				case "STOP" -> Keyword.OPT_OUT;
				case "START" -> Keyword.OPT_IN;
				case "HELP" -> Keyword.HELP;
				default -> null;
			};
			Match word = (body != null) ? this.words.get(normalise(body)) : null;
			return Optional.ofNullable(keyword)
				.map(known -> new Match(known, type, (word != null) ? word.language() : SmsLanguages.FALLBACK));
		}
		return (body != null) ? Optional.ofNullable(this.words.get(normalise(body))) : Optional.empty();
	}

	/**
	 * The line that ends every marketing SMS to a customer of this language and country.
	 */
	String stopInstruction(Locale locale) {
		return String.valueOf(language(locale.getLanguage(), locale.getCountry()).stopInstruction());
	}

	/** The answer to a help request, in this language. */
	String helpText(String language, @Nullable String country) {
		SmsLanguage entry = language(language, country);
		return String.valueOf(entry.helpText())
			.replace("{contact}", this.helpContact)
			.replace("{stop}", String.valueOf(entry.stopInstruction()));
	}

	private SmsLanguage language(String language, @Nullable String country) {
		String key = language.toLowerCase(Locale.ROOT);
		SmsLanguage entry = (country != null && !country.isBlank())
				? this.languages.get(key + "-" + country.toLowerCase(Locale.ROOT)) : null;
		if (entry == null) {
			entry = this.languages.get(key);
		}
		return (entry != null) ? entry : this.languages.get(SmsLanguages.FALLBACK);
	}

	/**
	 * The reply in upper case without accents, surrounding spaces and punctuation, inner
	 * spaces collapsed.
	 */
	static String normalise(String body) {
		String bare = Normalizer.normalize(body.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
		return bare.replaceAll("^[\\p{P}\\p{S}\\s]+|[\\p{P}\\p{S}\\s]+$", "")
			.replaceAll("\\s+", " ")
			.toUpperCase(Locale.ROOT);
	}

}
