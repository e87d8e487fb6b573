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
 */
public final class CsvCells {

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("").get();

	private CsvCells() {
	}

	public static String line(@Nullable Object... values) {
		Object[] safe = Arrays.stream(values).map(CsvCells::neutralise).toArray();
		try {
			StringBuilder out = new StringBuilder();
			FORMAT.printRecord(out, safe);
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
