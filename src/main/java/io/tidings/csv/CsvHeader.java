package io.tidings.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.tidings.InvalidInputException;

/**
 * The header row of a CSV file: its column names and the delimiter the file uses, a comma
 * or a semicolon (as spreadsheets in many European locales write CSV), read from the
 * header itself.
 *
 * @param columns column names, stripped, byte order mark removed
 * @param delimiter {@code ,} or {@code ;}
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
		String line = (!headerLine.isEmpty() && headerLine.charAt(0) == BYTE_ORDER_MARK) ? headerLine.substring(1)
				: headerLine;
		char delimiter = (count(line, ';') > count(line, ',')) ? ';' : ',';
		try (CSVParser parser = CSVParser.parse(line, format(delimiter))) {
			List<CSVRecord> records = parser.getRecords();
			if (records.isEmpty()) {
				throw new InvalidInputException(file, 1, null, "empty header row");
			}
			List<String> columns = records.get(0).toList().stream().map(String::strip).toList();
			columns.stream()
				.filter(column -> columns.indexOf(column) != columns.lastIndexOf(column))
				.findFirst()
				.ifPresent(column -> {
					throw new InvalidInputException(file, 1, column, "the column appears twice in the header");
				});
			return new CsvHeader(columns, delimiter);
		}
		catch (IOException | UncheckedIOException ex) {
			throw new InvalidInputException(file, 1, null, "unreadable header row: " + ex.getMessage());
		}
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
