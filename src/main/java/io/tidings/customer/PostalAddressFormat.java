package io.tidings.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The address block of a letter as the post office of the destination country wants it,
 * from the per-country formats Google's libaddressinput publishes (see
 * {@code address-formats.tsv}): the fields in the country's order, in the local or the
 * Latin-script order depending on how the address is written, the fields the post office
 * wants in capitals upper-cased (the GB post town and postcode, the FR city, the US city
 * and state), and the destination country in capitals on the last line unless the letter
 * stays in the country it is posted in.
 * <p>
 * Customer records have no region field: where a country's format has no city but a
 * region (Japan's prefecture), the city stands in the region's place.
 */
public final class PostalAddressFormat {

	private final @Nullable String postedIn;

	/**
	 * A format for letters posted in a country.
	 * @param postedIn ISO 3166-1 alpha-2 code of the country the letters are posted in,
	 * or {@code null} to name the destination country on every letter
	 */
	public PostalAddressFormat(@Nullable String postedIn) {
		this.postedIn = (postedIn != null && !postedIn.isBlank()) ? postedIn.strip().toUpperCase(Locale.ROOT) : null;
	}

	/**
	 * The lines of the block for a customer's address.
	 * @param recipient the name line
	 */
	public List<String> lines(String recipient, PostalAddress address) {
		List<String> street = new ArrayList<>();
		if (address.line1() != null) {
			street.add(address.line1());
		}
		if (address.line2() != null) {
			street.add(address.line2());
		}
		return lines(recipient, street, address.postcode(), address.city(), address.country());
	}

	/**
	 * The lines of the block, blank fields left out with the punctuation that goes with
	 * them.
	 * @param recipient the name line
	 * @param street street lines
	 * @param postcode postal code
	 * @param city city or post town
	 * @param country ISO 3166-1 alpha-2 code
	 */
	public List<String> lines(String recipient, List<String> street, @Nullable String postcode, @Nullable String city,
			String country) {
		String destination = country.strip().toUpperCase(Locale.ROOT);
		AddressFormats.Format format = AddressFormats.of(destination);
		List<String> streetLines = street.stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
		boolean latin = latin(streetLines, postcode, city);
		String pattern = (latin && !format.latinPattern().isEmpty()) ? format.latinPattern() : format.pattern();
		boolean cityAsRegion = !pattern.contains("%C") && pattern.contains("%S");
		Locale language = format.language();
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		List<Token> tokens = Token.parse(pattern);
		Token previousKept = null;
		for (int i = 0; i < tokens.size(); i++) {
			Token token = tokens.get(i);
			if (token.newLine()) {
				addLine(lines, line);
				previousKept = token;
				continue;
			}
			if (token.literal() != null) {
				Token next = (i + 1 < tokens.size()) ? tokens.get(i + 1) : null;
				boolean beforeBlank = next != null && next.field() != 0
						&& value(next.field(), recipient, streetLines, postcode, city, cityAsRegion).isEmpty();
				boolean afterRemoved = i > 0 && tokens.get(i - 1).field() != 0
						&& (previousKept == null || previousKept.field() == 0);
				if (!beforeBlank && !afterRemoved) {
					line.append(token.literal());
					previousKept = token;
				}
				continue;
			}
			if (token.field() == 'A') {
				if (!streetLines.isEmpty()) {
					line.append(streetLines.get(0));
					for (String more : streetLines.subList(1, streetLines.size())) {
						addLine(lines, line);
						line.append(more);
					}
					previousKept = token;
				}
				continue;
			}
			String value = value(token.field(), recipient, streetLines, postcode, city, cityAsRegion);
			if (!value.isEmpty()) {
				line.append((format.upper().indexOf(token.field()) >= 0) ? value.toUpperCase(language) : value);
				previousKept = token;
			}
		}
		addLine(lines, line);
		if (!destination.equals(this.postedIn)) {
			lines.add(format.countryName(destination));
		}
		return List.copyOf(lines);
	}

	private static String value(char field, String recipient, List<String> street, @Nullable String postcode,
			@Nullable String city, boolean cityAsRegion) {
		return switch (field) {
			case 'N' -> recipient.strip();
			case 'A' -> street.isEmpty() ? "" : street.get(0);
			case 'Z' -> text(postcode);
			case 'C' -> text(city);
			case 'S' -> cityAsRegion ? text(city) : "";
			default -> "";
		};
	}

	/**
	 * Whether every letter of the address is a Latin one (a Chinese address written in
	 * pinyin).
	 */
	private static boolean latin(List<String> street, @Nullable String postcode, @Nullable String city) {
		String text = String.join(" ", street) + " " + text(postcode) + " " + text(city);
		return text.codePoints()
			.filter(Character::isLetter)
			.allMatch(codePoint -> Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.LATIN);
	}

	private static void addLine(List<String> lines, StringBuilder line) {
		String text = line.toString().strip();
		if (!text.isEmpty()) {
			lines.add(text);
		}
		line.setLength(0);
	}

	private static String text(@Nullable String value) {
		return (value != null) ? value.strip() : "";
	}

	/**
	 * A piece of a format pattern: a field ({@code %N}), a new line ({@code %n}) or
	 * literal text.
	 */
	private record Token(char field, boolean newLine, @Nullable String literal) {

		static List<Token> parse(String pattern) {
			List<Token> tokens = new ArrayList<>();
			StringBuilder literal = new StringBuilder();
			for (int i = 0; i < pattern.length(); i++) {
				char c = pattern.charAt(i);
				if (c == '%' && i + 1 < pattern.length()) {
					if (!literal.isEmpty()) {
						tokens.add(new Token((char) 0, false, literal.toString()));
						literal.setLength(0);
					}
					char code = pattern.charAt(++i);
					tokens.add((code == 'n') ? new Token((char) 0, true, null) : new Token(code, false, null));
				}
				else {
					literal.append(c);
				}
			}
			if (!literal.isEmpty()) {
				tokens.add(new Token((char) 0, false, literal.toString()));
			}
			return tokens;
		}

	}

}
