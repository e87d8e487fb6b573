package io.tidings.customer;

import io.tidings.csv.InvalidRecordException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.apache.commons.validator.routines.EmailValidator;
import org.apache.commons.validator.routines.IBANValidator;
import org.jspecify.annotations.Nullable;

/**
 * Turns a customer row into a customer, or rejects it with the field and reason.
 * Procedural rather than Bean Validation because the rules depend on each other (a phone
 * number is read in the customer's country) and because an unusable email or phone number
 * does not reject the customer: their legal documents must still reach them by post, so
 * the value is dropped with a warning instead.
 */
class CustomerRecordValidator {

	private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private static final Set<String> MARITAL_STATUSES = Set.of("single", "married", "divorced", "widowed",
			"partnership", "separated");

	private static final Pattern PRODUCT_CODE = Pattern.compile("[A-Z0-9_]{1,40}");

	private static final Pattern IBAN_START = Pattern.compile("[A-Z]{2}[0-9]{2}");

	private static final Pattern ACCOUNT_NUMBER = Pattern.compile("[0-9A-Za-z][0-9A-Za-z -]{0,32}[0-9A-Za-z]");

	private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cntrl}");

	private static final int MAX_ATTRIBUTE_LENGTH = 200;

	/** Room of the attributes column, less the JSON around keys and values. */
	private static final int MAX_ATTRIBUTES_LENGTH = 3_900;

	private final LocalDate today;

	private final boolean requireName;

	CustomerRecordValidator(LocalDate today, boolean requireName) {
		this.today = today;
		this.requireName = requireName;
	}

	ImportedCustomer validate(CustomerRow row) {
		long line = row.line();
		List<ImportedCustomer.FieldWarning> warnings = new ArrayList<>();
		String id = text(row, "customer_id", 64);
		if (id == null) {
			throw new InvalidRecordException(line, "customer_id", "missing customer id");
		}
		String firstName = text(row, "first_name", 200);
		String lastName = text(row, "last_name", 200);
		if (firstName == null && lastName == null && this.requireName) {
			throw new InvalidRecordException(line, "last_name", "the customer has no name");
		}
		String country = required(row, "country").toUpperCase(Locale.ROOT);
		if (!COUNTRIES.contains(country)) {
			throw new InvalidRecordException(line, "country", "'" + country + "' is not an ISO 3166 country code");
		}
		String language = text(row, "language", 8);
		language = (language != null) ? language.toLowerCase(Locale.ROOT) : "en";
		if (!LANGUAGES.contains(language)) {
			throw new InvalidRecordException(line, "language", "'" + language + "' is not an ISO 639-1 language code");
		}
		PostalAddress address = new PostalAddress(text(row, "address_line1", 200), text(row, "address_line2", 200),
				text(row, "postcode", 20), text(row, "city", 100), text(row, "region", 100), country);
		String email = email(row, id, warnings);
		String phone = phone(row, id, country, warnings);
		String account = account(row, id, warnings);
		return new ImportedCustomer(new Customer(id, text(row, "salutation", 40), firstName, lastName, language,
				address, email, phone, birthDate(row), amount(row, "balance"), currency(row), holdings(row),
				children(row), maritalStatus(row), flag(row, "consent_email"), flag(row, "consent_sms"),
				flag(row, "paperless"), attributes(row), account), line, warnings);
	}

	/**
	 * Free attributes are bounded like fields: they are stored together in one column.
	 */
	private static Map<String, String> attributes(CustomerRow row) {
		int total = 0;
		for (Map.Entry<String, String> attribute : row.attributes().entrySet()) {
			String value = attribute.getValue();
			check(row.line(), attribute.getKey(), value, MAX_ATTRIBUTE_LENGTH);
			total += attribute.getKey().length() + value.length() + 6;
		}
		if (total > MAX_ATTRIBUTES_LENGTH) {
			throw new InvalidRecordException(row.line(), null,
					"the free attributes take more than " + MAX_ATTRIBUTES_LENGTH + " characters together");
		}
		return row.attributes();
	}

	private static @Nullable String text(CustomerRow row, String field, int maxLength) {
		String value = row.get(field);
		if (value != null) {
			check(row.line(), field, value, maxLength);
		}
		return value;
	}

	private static void check(long line, String field, String value, int maxLength) {
		if (value.length() > maxLength) {
			throw new InvalidRecordException(line, field, "longer than " + maxLength + " characters");
		}
		if (value.indexOf('\uFFFD') >= 0) {
			throw new InvalidRecordException(line, field,
					"contains U+FFFD replacement characters: the file was converted from another encoding with losses");
		}
		if (CONTROL_CHARACTERS.matcher(value).find()) {
			throw new InvalidRecordException(line, field, "contains a line break or control character");
		}
	}

	private static String required(CustomerRow row, String field) {
		String value = text(row, field, 200);
		if (value == null) {
			throw new InvalidRecordException(row.line(), field, "missing value");
		}
		return value;
	}

	private static @Nullable String email(CustomerRow row, String id, List<ImportedCustomer.FieldWarning> warnings) {
		String email = text(row, "email", 254);
		if (email != null && !EmailValidator.getInstance().isValid(email)) {
			warnings.add(new ImportedCustomer.FieldWarning(row.line(), id, "email",
					"not a valid email address; value dropped"));
			return null;
		}
		return email;
	}

	private static @Nullable String phone(CustomerRow row, String id, String country,
			List<ImportedCustomer.FieldWarning> warnings) {
		String phone = text(row, "phone", 40);
		if (phone == null) {
			return null;
		}
		PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();
		try {
			PhoneNumber number = numbers.parse(phone, country);
			if (numbers.isValidNumber(number)) {
				return numbers.format(number, PhoneNumberFormat.E164);
			}
		}
		catch (NumberParseException ex) {
			// reported below like any other invalid number
		}
		warnings.add(new ImportedCustomer.FieldWarning(row.line(), id, "phone",
				"not a valid phone number for " + country + "; value dropped"));
		return null;
	}

	/**
	 * An IBAN (two letters first) must have the length and check digits of ISO 13616; any
	 * other value is a domestic account number. A statement without an account is still
	 * sent, so an unusable value is dropped with a warning like an email address.
	 */
	private static @Nullable String account(CustomerRow row, String id, List<ImportedCustomer.FieldWarning> warnings) {
		String value = row.get("account");
		if (value == null) {
			return null;
		}
		String compact = value.replace(" ", "").toUpperCase(Locale.ROOT);
		if (IBAN_START.matcher(compact).lookingAt()) {
			if (IBANValidator.getInstance().isValid(compact)) {
				return compact;
			}
			warnings.add(new ImportedCustomer.FieldWarning(row.line(), id, "account",
					"not a valid IBAN (length or check digits); value dropped"));
			return null;
		}
		if (!ACCOUNT_NUMBER.matcher(value).matches()) {
			warnings.add(new ImportedCustomer.FieldWarning(row.line(), id, "account",
					"neither an IBAN nor an account number of digits, letters, spaces and dashes; value dropped"));
			return null;
		}
		return value;
	}

	private @Nullable LocalDate birthDate(CustomerRow row) {
		String value = row.get("birth_date");
		if (value == null) {
			return null;
		}
		try {
			LocalDate date = LocalDate.parse(value);
			if (date.isAfter(this.today)) {
				throw new InvalidRecordException(row.line(), "birth_date", "date of birth is in the future");
			}
			return date;
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRecordException(row.line(), "birth_date", "not a date (expected yyyy-MM-dd)");
		}
	}

	private static BigDecimal amount(CustomerRow row, String field) {
		String value = row.get(field);
		if (value == null) {
			return BigDecimal.ZERO;
		}
		BigDecimal amount;
		try {
			amount = new BigDecimal(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidRecordException(row.line(), field,
					"not a number (use . for decimals, no thousands separator)");
		}
		String problem = Amounts.problem(amount);
		if (problem != null) {
			throw new InvalidRecordException(row.line(), field, "'" + value + "' " + problem);
		}
		return amount;
	}

	private static String currency(CustomerRow row) {
		String value = row.get("currency");
		if (value == null) {
			return "EUR";
		}
		try {
			return Currency.getInstance(value.toUpperCase(Locale.ROOT)).getCurrencyCode();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRecordException(row.line(), "currency",
					"'" + value + "' is not an ISO 4217 currency code");
		}
	}

	private static Set<String> holdings(CustomerRow row) {
		String value = row.get("holdings");
		Set<String> codes = new TreeSet<>();
		if (value == null) {
			return codes;
		}
		for (String code : Arrays.stream(value.split("\\|")).map(String::strip).filter(c -> !c.isEmpty()).toList()) {
			String normalised = code.toUpperCase(Locale.ROOT);
			if (!PRODUCT_CODE.matcher(normalised).matches()) {
				throw new InvalidRecordException(row.line(), "holdings", "'" + code + "' is not a product code");
			}
			codes.add(normalised);
		}
		return codes;
	}

	private static int children(CustomerRow row) {
		String value = row.get("children");
		if (value == null) {
			return 0;
		}
		try {
			int children = Integer.parseInt(value);
			if (children < 0 || children > 30) {
				throw new InvalidRecordException(row.line(), "children", "'" + value + "' is out of range");
			}
			return children;
		}
		catch (NumberFormatException ex) {
			throw new InvalidRecordException(row.line(), "children", "'" + value + "' is not a whole number");
		}
	}

	private static @Nullable String maritalStatus(CustomerRow row) {
		String value = row.get("marital_status");
		if (value == null) {
			return null;
		}
		String normalised = value.toLowerCase(Locale.ROOT);
		if (!MARITAL_STATUSES.contains(normalised)) {
			throw new InvalidRecordException(row.line(), "marital_status",
					"'" + value + "' is not one of " + new TreeSet<>(MARITAL_STATUSES));
		}
		return normalised;
	}

	private static boolean flag(CustomerRow row, String field) {
		String value = row.get(field);
		if (value == null) {
			return false;
		}
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "true", "yes", "y", "1" -> true;
			case "false", "no", "n", "0" -> false;
			default -> throw new InvalidRecordException(row.line(), field, "'" + value + "' is not true or false");
		};
	}

}
