package io.tidings.policy;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.jspecify.annotations.Nullable;

import io.tidings.customer.PostalAddress;
import io.tidings.customer.TextKeys;

/**
 * Normal forms of contact details, so that a suppression list entry matches a customer
 * however either was written: email addresses in lower case, phone numbers in E.164,
 * addresses as first line, postcode and country in their {@link TextKeys comparable form}
 * without spaces.
 */
final class ContactKeys {

	private ContactKeys() {
	}

	static String email(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	/**
	 * The number in E.164, read in the given country when it is written nationally.
	 */
	static Optional<String> phone(String phone, @Nullable String country) {
		PhoneNumberUtil util = PhoneNumberUtil.getInstance();
		try {
			var number = util.parse(phone, (country != null) ? country.toUpperCase(Locale.ROOT) : "ZZ");
			return util.isValidNumber(number) ? Optional.of(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
					: Optional.empty();
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

	static Optional<String> address(PostalAddress address) {
		return address(address.line1(), address.postcode(), address.country());
	}

	static Optional<String> address(@Nullable String line1, @Nullable String postcode, @Nullable String country) {
		if (line1 == null || line1.isBlank() || country == null || country.isBlank()) {
			return Optional.empty();
		}
		return Optional.of(compact(line1) + "|" + compact(postcode) + "|" + country.strip().toUpperCase(Locale.ROOT));
	}

	/**
	 * The keys an address suppression entry for this address may be stored under: its
	 * key, and the key entries recorded before names and addresses had one comparable
	 * form (accents removed, other letters kept as written: {@code straße}) when that
	 * differs. Stored entries keep the key they were recorded with.
	 */
	static List<String> addressKeys(PostalAddress address) {
		Optional<String> key = address(address);
		if (key.isEmpty()) {
			return List.of();
		}
		String before = legacy(address.line1()) + "|" + legacy(address.postcode()) + "|"
				+ address.country().strip().toUpperCase(Locale.ROOT);
		return before.equals(key.get()) ? List.of(key.get()) : List.of(key.get(), before);
	}

	private static String compact(@Nullable String text) {
		return TextKeys.words(text).replace(" ", "");
	}

	private static String legacy(@Nullable String text) {
		return (text == null) ? ""
				: Normalizer.normalize(text, Normalizer.Form.NFD)
					.replaceAll("\\p{M}", "")
					.toLowerCase(Locale.ROOT)
					.replaceAll("[^\\p{L}\\p{N}]", "");
	}

}
