package io.tidings.preference;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preference centre's pages in the languages of the sample customers: every bundle
 * has every text of the English one, and a page is wholly in one language.
 */
class PreferencePagesTests {

	private static final List<String> SAMPLE_LANGUAGES = List.of("bg", "cs", "da", "de", "el", "en", "es", "fr", "hu",
			"it", "nl", "pl", "pt", "ro", "ru", "sv", "tr", "uk", "zh");

	private final PreferencePages pages = new PreferencePages();

	@Test
	void shouldHaveEveryTextOfTheEnglishBundleInTheBundleOfEverySampleLanguage() throws IOException {
		Properties english = bundle("en");
		for (String language : SAMPLE_LANGUAGES) {
			assertThat(bundle(language).stringPropertyNames()).as(language)
				.containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
		}
	}

	@Test
	void shouldRenderAPageWhollyInTheCustomersLanguageOrWhollyInEnglish() throws IOException {
		// when
		String polish = this.pages.invalid("pl");
		String unknown = this.pages.invalid("ja");
		// then
		Properties texts = bundle("pl");
		Properties english = bundle("en");
		assertThat(polish).contains("lang=\"pl\"", texts.getProperty("invalid"), texts.getProperty("invalidText"))
			.doesNotContain(english.getProperty("invalid"));
		assertThat(unknown).contains("lang=\"en\"", english.getProperty("invalid"));
	}

	@Test
	void shouldRenderThePreferencesPageInTheCustomersLanguage() throws IOException {
		String page = this.pages.render("preferences", "uk",
				Map.of("saved", false, "current", Map.of("email", true, "sms", false, "post", true, "paperless", false),
						"hasEmail", true, "csrf", Map.of("name", "_csrf", "token", "t")));
		Properties texts = bundle("uk");
		assertThat(page).contains(texts.getProperty("title"), texts.getProperty("save"), texts.getProperty("paper"))
			.doesNotContain(bundle("en").getProperty("save"));
	}

	private static Properties bundle(String language) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = PreferencePages.class.getResourceAsStream("messages_" + language + ".properties")) {
			assertThat(in).as(language).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
