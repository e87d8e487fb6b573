package io.tidings.print;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.tidings.customer.TextKeys;

/**
 * The keys that put printed documents in order and in envelopes. Addresses and names are
 * compared in their {@link TextKeys comparable form} so that two customers of one
 * household written slightly differently ({@code Straße}, {@code STRASSE}) still share an
 * envelope. Keys hold hashes, never the address itself, and use only digits and capital
 * letters so that every database sorts them the same way.
 */
final class PrintItems {

	/** Recipient of the customer's own document (other recipients get copies). */
	static final String CUSTOMER = "customer";

	private PrintItems() {
	}

	/**
	 * The {@link TextKeys comparable form} in upper case.
	 */
	static String normalise(@Nullable String text) {
		return TextKeys.words(text).toUpperCase(Locale.ROOT);
	}

	/**
	 * The household: same normalised address and family name.
	 */
	static String household(String country, @Nullable String postcode, @Nullable String line1, @Nullable String line2,
			@Nullable String city, @Nullable String familyName) {
		return hash(String.join("|", country, postcodeKey(postcode), normalise(line1), normalise(line2),
				normalise(city), normalise(familyName)));
	}

	/**
	 * The postal code for sorting: letters and digits, upper case.
	 */
	static String postcodeKey(@Nullable String postcode) {
		return normalise(postcode).replace(" ", "");
	}

	/**
	 * What the manifest shows as presort key: country, postal code, household.
	 */
	static String presortKey(String country, @Nullable String postcode, String household) {
		return country + "-" + postcodeKey(postcode) + "-" + household;
	}

	/**
	 * The order of a document in the run: mail class (each stream holds one), country,
	 * postal code (compared as text, padded so that prefixes stay together), household,
	 * envelope group, customer, document kind, communication, recipient.
	 */
	static String sortKey(String country, @Nullable String postcode, String household, int mailClassRank, String group,
			String customerId, int kindRank, String communicationId, int recipientRank) {
		String code = postcodeKey(postcode).replaceAll("[^0-9A-Z]", "0");
		String postcodePart = (code + "0000000000").substring(0, 10);
		return String.format(Locale.ROOT, "%02d", mailClassRank) + country.toUpperCase(Locale.ROOT) + postcodePart
				+ household + group + hash(customerId) + String.format(Locale.ROOT, "%02d", kindRank)
				+ communicationId.replace("-", "").toUpperCase(Locale.ROOT)
				+ String.format(Locale.ROOT, "%02d", recipientRank);
	}

	/**
	 * 16 hexadecimal digits (64 bits) of the SHA-256 of a text.
	 */
	static String hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().withUpperCase().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

}
