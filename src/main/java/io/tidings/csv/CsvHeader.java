package io.tidings.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.tidings.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * The header row of a CSV file: its column names and the delimiter the file uses. Unless
 * the user names one, the delimiter is a comma or a semicolon (as spreadsheets in many
 * European locales write CSV), read from the header itself, or a tab for a {@code .tsv}
 * file.
 *
 * @param columns column names, stripped, byte order mark removed
 * @param delimiter the field delimiter
 */
public record CsvHeader(List<String> columns, char delimiter) {

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	public CsvHeader {
		columns = List.copyOf(columns);
	}

	/**
	 * Reads a header line; the delimiter is the one of comma and semicolon that occurs
	 * more often outside quotes (a comma on a tie).
	 */
	public static CsvHeader parse(Path file, String headerLine) {
		return parse(file, headerLine, null);
	}

	/**
	 * Reads a header line with the given delimiter; when it is {@code null}, a tab for a
	 * {@code .tsv} file, else the one of comma and semicolon that occurs more often
	 * outside quotes (a comma on a tie).
	 */
	public static CsvHeader parse(Path file, String headerLine, @Nullable Character givenDelimiter) {
		String line = (!headerLine.isEmpty() && headerLine.charAt(0) == BYTE_ORDER_MARK) ? headerLine.substring(1)
				: headerLine;
		char delimiter = (givenDelimiter != null) ? givenDelimiter
				: file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv") ? '\t'
						: (count(line, ';') > count(line, ',')) ? ';' : ',';
		try (CSVParser parser = CSVParser.parse(line, format(delimiter))) {
			List<CSVRecord> records = parser.getRecords();
			if (records.isEmpty()) {
				throw new InvalidInputException(file, 1, null, "empty header row");
			}
			return of(file, 1, records.get(0).toList(), delimiter);
		}
		catch (IOException | UncheckedIOException ex) {
			throw new InvalidInputException(file, 1, null, "unreadable header row: " + ex.getMessage());
		}
	}

	/**
	 * A header of the given column names (stripped), as read on the given line.
	 * @throws InvalidInputException when a column appears twice
	 */
	public static CsvHeader of(Path file, long line, List<String> names, char delimiter) {
		List<String> columns = names.stream().map(String::strip).toList();
		columns.stream()
			.filter(column -> columns.indexOf(column) != columns.lastIndexOf(column))
			.findFirst()
			.ifPresent(column -> {
				throw new InvalidInputException(file, line, column, "the column appears twice in the header");
			});
		return new CsvHeader(columns, delimiter);
	}

	/**
	 * The delimiter a user names: {@code tab}, {@code pipe}, {@code comma},
	 * {@code semicolon} or the character itself.
	 * @throws IllegalArgumentException for anything else, or a character that cannot
	 * delimit (a quote, a line break, a letter or digit)
	 */
	public static char delimiter(String name) {
		char delimiter = switch (name.toLowerCase(Locale.ROOT)) {
			case "tab", "\\t" -> '\t';
			case "pipe" -> '|';
			case "comma" -> ',';
			case "semicolon" -> ';';
			default -> (name.length() == 1) ? name.charAt(0) : 0;
		};
		if (delimiter == 0 || delimiter == '"' || delimiter == '\n' || delimiter == '\r'
				|| Character.isLetterOrDigit(delimiter)) {
			throw new IllegalArgumentException("'" + name
					+ "' is not a separator: give tab, pipe, comma, semicolon or one character other than a quote, letter or digit");
		}
		return delimiter;
	}

	public int width() {
		return this.columns.size();
	}

	static CSVFormat format(char delimiter) {
		return CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
	}

	private static int count(String line, char wanted) {
		int count = 0;
		boolean quoted = false;
		for (int index = 0; index < line.length(); index++) {
			char c = line.charAt(index);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (c == wanted && !quoted) {
				count++;
			}
		}
		return count;
	}

}
