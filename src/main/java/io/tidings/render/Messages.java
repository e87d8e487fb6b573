package io.tidings.render;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;

/**
 * The messages of one language: ICU MessageFormat patterns by key, formatted with named
 * arguments ({@code {count, plural, one {# transaction} other {# transactions}}},
 * {@code {salutation, select, Mr {...} other {...}}}) by the language's own plural rules
 * and number format.
 */
public final class Messages {

	private final String language;

	private final Locale locale;

	private final Map<String, String> patterns;

	/** Messages without arguments (most labels), formatted once. */
	private final Map<String, String> constants = new ConcurrentHashMap<>();

	Messages(String language, Map<String, String> patterns) {
		this.language = language;
		this.locale = Locale.forLanguageTag(language);
		this.patterns = Map.copyOf(patterns);
	}

	public String language() {
		return this.language;
	}

	public boolean has(String key) {
		return this.patterns.containsKey(key);
	}

	/**
	 * The message of a key with its arguments.
	 * @throws IllegalArgumentException when the bundle has no such key
	 */
	public String format(String key, Map<String, ?> arguments) {
		String pattern = this.patterns.get(key);
		if (pattern == null) {
			throw new IllegalArgumentException(
					"message key " + key + " is not in " + MessageBundles.fileName(this.language));
		}
		if (arguments.isEmpty()) {
			return this.constants.computeIfAbsent(key, constant -> formatPattern(pattern, Map.of()));
		}
		return formatPattern(pattern, arguments);
	}

	private String formatPattern(String pattern, Map<String, ?> arguments) {
		// a MessageFormat is not thread-safe: one per call, which parses in microseconds
		return new MessageFormat(pattern, ULocale.forLocale(this.locale)).format(arguments);
	}

}
