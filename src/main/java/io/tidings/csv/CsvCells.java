package io.tidings.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import org.apache.commons.csv.CSVFormat;
import org.jspecify.annotations.Nullable;

/**
 * Writes CSV lines that are safe to open in a spreadsheet: fields are quoted as RFC 4180
 * requires, and a field that a spreadsheet would run as a formula ({@code =}, {@code +},
 * {@code -}, {@code @}, tab or carriage return first) is prefixed with an apostrophe.
 * Every CSV file Tidings writes (reject and warning files, the print manifest, scores,
 * reports) writes its lines through this class.
 */
public final class CsvCells {

	private static final CSVFormat COMMAS = CSVFormat.RFC4180.builder().setRecordSeparator("").get();

	private static final CSVFormat SEMICOLONS = COMMAS.builder().setDelimiter(';').get();

	private CsvCells() {
	}

	/** One comma-separated line, without the line break. */
	public static String line(@Nullable Object... values) {
		return line(COMMAS, values);
	}

	/** One semicolon-separated line, without the line break. */
	public static String semicolonLine(@Nullable Object... values) {
		return line(SEMICOLONS, values);
	}

	private static String line(CSVFormat format, @Nullable Object... values) {
		Object[] safe = Arrays.stream(values).map(CsvCells::neutralise).toArray();
		try {
			StringBuilder out = new StringBuilder();
			format.printRecord(out, safe);
			return out.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static @Nullable Object neutralise(@Nullable Object value) {
		if (!(value instanceof String text) || text.isEmpty()) {
			return value;
		}
		char first = text.charAt(0);
		boolean formula = first == '=' || first == '+' || first == '@' || first == '\t' || first == '\r'
				|| (first == '-' && !isNumber(text));
		return formula ? "'" + text : text;
	}

	private static boolean isNumber(String text) {
		try {
			new java.math.BigDecimal(text);
			return true;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}
