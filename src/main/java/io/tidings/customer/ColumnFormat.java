package io.tidings.customer;

import io.tidings.csv.InvalidRecordException;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * How the values of one column are written in a file, when not as Tidings reads them (the
 * {@code formats:} section of a mapping file): a value map, local date formats, a decimal
 * comma. A value is turned into Tidings' own form before it is validated; one that fits
 * none of the formats given is rejected with its record.
 *
 * @param values the file's values and what they stand for ({@code "Y": true}); when
 * given, a value not in the map is rejected
 * @param datePatterns {@code java.time} patterns of dates, tried in order (ISO
 * {@code yyyy-MM-dd} is accepted after them, as spreadsheet date cells read)
 * @param decimalComma whether numbers are written {@code 1.234,56}
 */
record ColumnFormat(Map<String, String> values, List<String> datePatterns, boolean decimalComma) {

	private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

	private static final Pattern COMMA_NUMBER = Pattern.compile("[-+]?(\\d{1,3}(\\.\\d{3})+|\\d+)(,\\d+)?");

	ColumnFormat {
		values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
		datePatterns = List.copyOf(datePatterns);
		datePatterns.forEach(ColumnFormat::formatter);
	}

	/**
	 * A formatter for a pattern, strict (no 31 February): {@code y} is read as the
	 * proleptic year {@code u}, which strict resolving needs without an era.
	 * @throws IllegalArgumentException when the pattern is not one
	 */
	static DateTimeFormatter formatter(String pattern) {
		return FORMATTERS.computeIfAbsent(pattern, ColumnFormat::strict);
	}

	private static DateTimeFormatter strict(String pattern) {
		StringBuilder proleptic = new StringBuilder();
		boolean quoted = false;
		for (char c : pattern.toCharArray()) {
			quoted ^= (c == '\'');
			proleptic.append((c == 'y' && !quoted) ? 'u' : c);
		}
		return DateTimeFormatter.ofPattern(proleptic.toString(), Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
	}

	/**
	 * The value in Tidings' own form.
	 * @param value the value, stripped and not empty
	 * @param typed whether it comes from a number, date or boolean cell of a spreadsheet,
	 * which is in Tidings' form already (only the value map applies)
	 * @param place where the value is, before the reason (empty for a CSV file)
	 * @throws InvalidRecordException when it fits none of the formats
	 */
	String apply(String value, boolean typed, long line, String field, String place) {
		if (!this.values.isEmpty()) {
			String mapped = this.values.get(value);
			if (mapped == null) {
				throw new InvalidRecordException(line, field,
						place + "'" + value + "' is not one of the values the mapping gives for it: "
								+ String.join(", ", this.values.keySet()));
			}
			value = mapped;
		}
		if (typed) {
			return value;
		}
		if (!this.datePatterns.isEmpty()) {
			return date(value, line, field, place);
		}
		if (this.decimalComma) {
			if (!COMMA_NUMBER.matcher(value).matches()) {
				throw new InvalidRecordException(line, field,
						place + "'" + value + "' is not a number written with a decimal comma, such as 1.234,56");
			}
			return value.replace(".", "").replace(',', '.');
		}
		return value;
	}

	private String date(String value, long line, String field, String place) {
		for (String pattern : this.datePatterns) {
			LocalDate date = parse(value, formatter(pattern));
			if (date != null) {
				return date.toString();
			}
		}
		if (parse(value, DateTimeFormatter.ISO_LOCAL_DATE) != null) {
			return value;
		}
		throw new InvalidRecordException(line, field, place + "'" + value + "' is not a date written "
				+ String.join(" or ", this.datePatterns) + " (or yyyy-MM-dd)");
	}

	private static @Nullable LocalDate parse(String value, DateTimeFormatter format) {
		try {
			return LocalDate.parse(value, format);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
