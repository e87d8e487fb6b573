package io.tidings.preference;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

/**
 * Renders the preference centre's pages from {@code page.ftlh} (HTML-escaped) in the
 * customer's language, with the texts of {@code messages_<language>.properties} beside it
 * (the whole page in English when the language has none).
 */
final class PreferencePages {

	private static final String FALLBACK = "en";

	private final Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);

	private final Map<String, Optional<Map<String, String>>> bundles = new ConcurrentHashMap<>();

	PreferencePages() {
		this.configuration.setTemplateLoader(new ClassTemplateLoader(PreferencePages.class, ""));
		this.configuration.setDefaultEncoding("UTF-8");
		this.configuration.setRecognizeStandardFileExtensions(true);
		this.configuration.setObjectWrapper(new SimpleObjectWrapper(Configuration.VERSION_2_3_34));
		this.configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
		this.configuration.setAPIBuiltinEnabled(false);
		this.configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
		this.configuration.setLogTemplateExceptions(false);
		this.configuration.setLocalizedLookup(false);
	}

	/**
	 * The page telling that a link is not valid, the same for every bad link.
	 * @param language the browser's language
	 */
	String invalid(String language) {
		return render("invalid", language, Map.of());
	}

	/**
	 * @param page {@code preferences} or {@code interest}
	 */
	String render(String page, String language, Map<String, Object> values) {
		Map<String, Object> model = new HashMap<>(values);
		String shown = (language.matches("[a-z]{2,3}") && bundle(language).isPresent()) ? language : FALLBACK;
		model.put("page", page);
		model.put("language", shown);
		model.put("labels", bundle(shown).orElseThrow());
		StringWriter html = new StringWriter();
		try {
			this.configuration.getTemplate("page.ftlh").process(model, html);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (TemplateException ex) {
			throw new IllegalStateException("preference page " + page + " cannot be rendered: " + ex.getMessage(), ex);
		}
		return html.toString();
	}

	private Optional<Map<String, String>> bundle(String language) {
		return this.bundles.computeIfAbsent(language, PreferencePages::load);
	}

	private static Optional<Map<String, String>> load(String language) {
		try (InputStream in = PreferencePages.class.getResourceAsStream("messages_" + language + ".properties")) {
			if (in == null) {
				return Optional.empty();
			}
			Properties properties = new Properties();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
			Map<String, String> texts = new HashMap<>();
			properties.stringPropertyNames().forEach(key -> texts.put(key, properties.getProperty(key)));
			return Optional.of(Map.copyOf(texts));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
