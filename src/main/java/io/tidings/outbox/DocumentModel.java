package io.tidings.outbox;

import java.util.Locale;
import java.util.Map;

/**
 * What a template sees: plain maps, lists, strings, numbers and dates (never Java objects
 * with methods), plus the locale and the folder templates are loaded from.
 *
 * @param templatesRoot folder of the campaign's templates
 * @param template template name relative to that folder
 * @param locale locale of the customer
 * @param values the data model
 * @param options channel settings of the campaign and recipient (for example {@code to},
 * {@code from}); each composer documents the keys it reads
 */
public record DocumentModel(java.nio.file.Path templatesRoot, String template, Locale locale,
		Map<String, Object> values, Map<String, String> options) {

	/**
	 * A channel option the composer cannot do without.
	 * @throws DocumentRejectedException when it is missing
	 */
	public String requiredOption(String key) {
		String value = this.options.get(key);
		if (value == null || value.isBlank()) {
			throw new DocumentRejectedException("missing '" + key + "' for template " + this.template);
		}
		return value;
	}

}
