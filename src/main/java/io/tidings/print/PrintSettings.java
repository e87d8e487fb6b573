package io.tidings.print;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import io.tidings.customer.PostalAddressFormat;
import io.tidings.outbox.DocumentKind;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of print production ({@code tidings.print.*}): stream size, envelopes, sheets,
 * inserter marks, the address window, and per document kind duplex, householding, mail
 * class and recipient copies.
 *
 * @param streamSheets sheets per stream file at most (an envelope is never split across
 * two streams)
 * @param maxSheetsPerEnvelope sheets an inserter puts in one envelope; a household with
 * more gets further envelopes
 * @param paper paper size named in the job ticket
 * @param marks inserter marks on the front of every sheet
 * @param clearZone where marks go on the front of a sheet, kept free by the templates
 * @param addressWindow what fits in the envelope window
 * @param windowCode the code with the envelope id that the envelope window shows
 * @param mailClasses postal classes, most urgent first; an envelope takes the class of
 * its documents, and envelopes of different classes are never shared
 * @param kinds settings per document kind ({@code statement}, {@code cross-sell})
 * @param senderCountry ISO 3166-1 alpha-2 code of the country the letters are posted in:
 * an address there is printed without its country line; unset, every address names its
 * country
 * @param streamThreads print streams written at the same time, each on a thread of its
 * own
 */
@Validated
@ConfigurationProperties("tidings.print")
public record PrintSettings(@DefaultValue("5000") @Min(1) int streamSheets,
		@DefaultValue("8") @Min(1) @Max(99) int maxSheetsPerEnvelope, @DefaultValue("A4") String paper,
		@DefaultValue("datamatrix") Marks marks, @DefaultValue ClearZone clearZone,
		@DefaultValue AddressWindow addressWindow, @DefaultValue WindowCode windowCode, @DefaultValue( {
				"first", "second" }) List<String> mailClasses,
		@Nullable Map<DocumentKind, KindSettings> kinds,
		@Nullable @Pattern(regexp = "\\s*([A-Za-z]{2})?\\s*",
				message = "must be an ISO 3166-1 alpha-2 country code") String senderCountry,
		@DefaultValue("2") @Min(1) int streamThreads){

	public PrintSettings {
		mailClasses = List.copyOf(mailClasses);
		kinds = (kinds != null) ? Map.copyOf(kinds) : Map.of();
		for (DocumentKind kind : DocumentKind.values()) {
			String mailClass = rules(kind, kinds).mailClass();
			if (!mailClasses.contains(mailClass)) {
				throw new IllegalArgumentException("tidings.print.kinds." + kind.name().toLowerCase(Locale.ROOT)
						+ ".mail-class '" + mailClass + "' is not one of tidings.print.mail-classes " + mailClasses);
			}
		}
	}

	/**
	 * The defaults, for use outside an application context.
	 */
	public static PrintSettings defaults() {
		return new PrintSettings(5000, 8, "A4", Marks.DATAMATRIX, new ClearZone(4, 100, 12, 40),
				new AddressWindow(85, 6, 10, List.of("Noto Sans", "Droid Sans Fallback", "DejaVu Sans")),
				new WindowCode(true, 98, 45.5, 8), List.of("first", "second"), Map.of(), null, 2);
	}

	/**
	 * How address blocks are laid out for letters posted in {@code senderCountry}.
	 */
	public PostalAddressFormat addressFormat() {
		return new PostalAddressFormat(this.senderCountry);
	}

	/**
	 * How documents of a kind are printed: what is configured, else a legally required
	 * document goes duplex, first class and in an envelope of its own, and other
	 * documents go simplex, second class and householded.
	 */
	public KindRules rules(DocumentKind kind) {
		return rules(kind, this.kinds);
	}

	private static KindRules rules(DocumentKind kind, @Nullable Map<DocumentKind, KindSettings> kinds) {
		KindSettings set = (kinds != null) ? kinds.get(kind) : null;
		boolean legal = kind.legallyRequired();
		return new KindRules((set != null && set.duplex() != null) ? set.duplex() : legal,
				(set != null && set.household() != null) ? set.household() : !legal,
				(set != null && set.mailClass() != null) ? set.mailClass() : (legal ? "first" : "second"),
				(set != null && set.copies() != null) ? set.copies() : List.of());
	}

	/**
	 * Inserter marks.
	 */
	public enum Marks {

		/** A DataMatrix code: envelope id, sheet n of m and a check value. */
		DATAMATRIX,

		/** OMR bars: start, end of envelope, sheet sequence (3 bits) and parity. */
		OMR,

		/** No marks (hand inserting). */
		NONE

	}

	/**
	 * A rectangle on the front of every sheet, in millimetres from the page's top-left
	 * corner, where marks go; templates keep it free of content.
	 *
	 * @param x left edge
	 * @param y top edge
	 * @param width width (the DataMatrix code is a square this wide)
	 * @param height height (the OMR track runs down it)
	 */
	public record ClearZone(@DefaultValue("4") double x, @DefaultValue("100") double y,
			@DefaultValue("12") double width, @DefaultValue("40") double height) {
	}

	/**
	 * What fits in the window of the envelope: an address that does not is reported and
	 * the document is not printed.
	 *
	 * @param widthMm width of the window
	 * @param maxLines lines the window shows
	 * @param fontSize size of the address text in points (as {@code css/print.css} sets
	 * it)
	 * @param fonts font families of the address text, in fallback order
	 */
	public record AddressWindow(@DefaultValue("85") double widthMm, @DefaultValue("6") int maxLines,
			@DefaultValue("10") double fontSize, @DefaultValue( {
					"Noto Sans", "Droid Sans Fallback", "DejaVu Sans" }) List<String> fonts){
	}

	/**
	 * The envelope id as a DataMatrix code (ECC 200) on the front of the first sheet of
	 * every envelope, where the envelope window shows it, so that a post room scans a
	 * returned letter instead of typing its reference. In millimetres from the page's
	 * top-left corner; the defaults put it in the top right corner of the window of a DL
	 * or C5 window envelope (20 mm from the left, 45 mm from the top, 90 by 45 mm),
	 * beside the return address and above the recipient's ({@code css/print.css} keeps it
	 * free).
	 *
	 * @param enabled whether it is printed
	 * @param x left edge
	 * @param y top edge
	 * @param size side of the square, quiet zone included
	 */
	public record WindowCode(@DefaultValue("true") boolean enabled, @DefaultValue("98") double x,
			@DefaultValue("45.5") double y, @DefaultValue("8") double size) {
	}

	/**
	 * Configured settings of one document kind; what is left out takes the defaults of
	 * {@link PrintSettings#rules(DocumentKind)}.
	 *
	 * @param duplex printed on both sides
	 * @param household may share an envelope with the household's other documents
	 * @param mailClass postal class
	 * @param copies other recipients who get a copy
	 */
	public record KindSettings(@Nullable Boolean duplex, @Nullable Boolean household, @Nullable String mailClass,
			@Nullable List<CopyRecipient> copies) {
	}

	/**
	 * How documents of one kind are printed.
	 *
	 * @param duplex printed on both sides
	 * @param household may share an envelope with the household's other documents
	 * @param mailClass postal class
	 * @param copies other recipients who get a copy
	 */
	public record KindRules(boolean duplex, boolean household, String mailClass, List<CopyRecipient> copies) {
	}

	/**
	 * Someone other than the customer who gets a copy of every document of a kind (an
	 * agent, a head office), in an envelope of its own behind a carrier sheet that shows
	 * their address; every page of the copy is marked as a copy.
	 *
	 * @param code short name in the manifest and on the copy mark (lower-case letters,
	 * digits and dashes)
	 * @param name name on the carrier sheet
	 * @param address address lines
	 * @param postcode postal code
	 * @param city city
	 * @param country ISO 3166-1 alpha-2 code
	 */
	public record CopyRecipient(String code, String name, List<String> address, String postcode, String city,
			String country) {

		public CopyRecipient {
			if (!code.matches("[a-z0-9][a-z0-9-]{0,29}") || PrintItems.CUSTOMER.equals(code)) {
				throw new IllegalArgumentException("copy recipient code '" + code
						+ "' must be lower-case letters, digits and dashes, and not '" + PrintItems.CUSTOMER + "'");
			}
			address = List.copyOf(address);
		}

	}

}
