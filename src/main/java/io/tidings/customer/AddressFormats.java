package io.tidings.customer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The bundled per-country address formats ({@code address-formats.tsv}, read once).
 */
final class AddressFormats {

	private static final String DEFAULT = "ZZ";

	/**
	 * Where a post office's own standard differs from the data: USPS Publication 28
	 * writes the last line without punctuation ({@code SPRINGFIELD IL 62704}), the data
	 * with a comma after the city.
	 */
	private static final Map<String, String> POST_OFFICE_PATTERNS = Map.of("US", "%N%n%O%n%A%n%C %S %Z");

	private static final Map<String, Format> FORMATS = load();

	private AddressFormats() {
	}

	/**
	 * The format of a country, or the default one for a country the data does not know.
	 */
	static Format of(String country) {
		Format format = FORMATS.get(country);
		return (format != null) ? format : Objects.requireNonNull(FORMATS.get(DEFAULT));
	}

	private static Map<String, Format> load() {
		Map<String, Format> formats = new HashMap<>();
		try (InputStream in = Objects.requireNonNull(AddressFormats.class.getResourceAsStream("address-formats.tsv"));
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			reader.lines().filter(line -> !line.startsWith("#") && !line.startsWith("country\t")).forEach(line -> {
				String[] columns = line.split("\t", -1);
				formats.put(columns[0], new Format(columns[1], columns[2], columns[3], columns[4], columns[5]));
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// a country without a format of its own takes the default one, capitals included;
		// one
		// with a format of its own keeps its own capitals (Deutsche Post does not want
		// DRESDEN)
		Format fallback = Objects.requireNonNull(formats.get(DEFAULT));
		formats
			.replaceAll((country,
					format) -> format.pattern().isEmpty() ? new Format(format.name(), format.lang(), fallback.pattern(),
							format.latinPattern(), format.upper().isEmpty() ? fallback.upper() : format.upper())
							: format);
		POST_OFFICE_PATTERNS.forEach((country, pattern) -> formats.computeIfPresent(country, (key,
				format) -> new Format(format.name(), format.lang(), pattern, format.latinPattern(), format.upper())));
		return Map.copyOf(formats);
	}

	/**
	 * The format of one country.
	 *
	 * @param name the country's name on international mail (empty for the default)
	 * @param lang the country's language (may be empty)
	 * @param pattern the address in the local script
	 * @param latinPattern the address in Latin script, empty where it is the same
	 * @param upper the fields written in capitals
	 */
	record Format(String name, String lang, String pattern, String latinPattern, String upper) {

		Locale language() {
			return lang.isEmpty() ? Locale.ROOT : Locale.forLanguageTag(this.lang);
		}

		String countryName(String country) {
			return this.name.isEmpty() ? country : this.name;
		}

	}

}
