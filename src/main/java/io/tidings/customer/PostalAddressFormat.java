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
 * The region (state, province, prefecture) goes where the format puts {@code %S}, once: a
 * region that is its own city (上海市, Shanghai) is written as the city. Where a format has
 * a region but no city (Japan's prefecture), the city joins the street lines on the
 * region's side, or stands in the region's place when the address has no region.
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
		return lines(recipient, street, address.postcode(), address.city(), address.region(), address.country());
	}

	/**
	 * The lines of the block for an address without a region, blank fields left out with
	 * the punctuation that goes with them.
	 * @param recipient the name line
	 * @param street street lines
	 * @param postcode postal code
	 * @param city city or post town
	 * @param country ISO 3166-1 alpha-2 code
	 */
	public List<String> lines(String recipient, List<String> street, @Nullable String postcode, @Nullable String city,
			String country) {
		return lines(recipient, street, postcode, city, null, country);
	}

	private List<String> lines(String recipient, List<String> street, @Nullable String postcode, @Nullable String city,
			@Nullable String region, String country) {
		String destination = country.strip().toUpperCase(Locale.ROOT);
		AddressFormats.Format format = AddressFormats.of(destination);
		List<String> streetLines = street.stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
		boolean latin = latin(streetLines, postcode, city, region);
		String pattern = (latin && !format.latinPattern().isEmpty()) ? format.latinPattern() : format.pattern();
		Fields fields = Fields.of(pattern, recipient, streetLines, text(postcode), text(city), text(region));
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
				boolean beforeBlank = next != null && next.field() != 0 && fields.value(next.field()).isEmpty();
				boolean afterRemoved = i > 0 && tokens.get(i - 1).field() != 0
						&& (previousKept == null || previousKept.field() == 0);
				if (!beforeBlank && !afterRemoved) {
					line.append(token.literal());
					previousKept = token;
				}
				continue;
			}
			if (token.field() == 'A') {
				boolean upper = format.upper().indexOf('A') >= 0;
				for (int j = 0; j < fields.street().size(); j++) {
					if (j > 0) {
						addLine(lines, line);
					}
					String streetLine = fields.street().get(j);
					line.append(upper ? streetLine.toUpperCase(language) : streetLine);
					previousKept = token;
				}
				continue;
			}
			String value = fields.value(token.field());
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

	/**
	 * Whether every letter of the address is a Latin one (a Chinese address written in
	 * pinyin).
	 */
	private static boolean latin(List<String> street, @Nullable String postcode, @Nullable String city,
			@Nullable String region) {
		String text = String.join(" ", street) + " " + text(postcode) + " " + text(city) + " " + text(region);
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
	 * The values of an address's fields as a pattern places them.
	 */
	private record Fields(String recipient, List<String> street, String postcode, String city, String region) {

		static Fields of(String pattern, String recipient, List<String> street, String postcode, String city,
				String region) {
			String regionOnce = region.equalsIgnoreCase(city) ? "" : region;
			if (pattern.contains("%C") || !pattern.contains("%S")) {
				return new Fields(recipient.strip(), street, postcode, city, regionOnce);
			}
			if (regionOnce.isEmpty() || city.isEmpty()) {
				return new Fields(recipient.strip(), street, postcode, "", regionOnce.isEmpty() ? city : regionOnce);
			}
			List<String> withCity = new ArrayList<>(street);
			withCity.add((pattern.indexOf("%S") < pattern.indexOf("%A")) ? 0 : withCity.size(), city);
			return new Fields(recipient.strip(), withCity, postcode, "", regionOnce);
		}

		String value(char field) {
			return switch (field) {
				case 'N' -> this.recipient;
				case 'A' -> this.street.isEmpty() ? "" : this.street.get(0);
				case 'Z' -> this.postcode;
				case 'C' -> this.city;
				case 'S' -> this.region;
				default -> "";
			};
		}

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
