package io.tidings.preference;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

/**
 * Renders the preference centre's pages from {@code page.ftlh} (HTML-escaped) in the
 * customer's language.
 */
final class PreferencePages {

	private final Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);

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
		model.put("page", page);
		model.put("language", language);
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

}
