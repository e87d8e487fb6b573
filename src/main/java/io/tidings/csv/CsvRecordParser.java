package io.tidings.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Splits one CSV record (which may span lines inside quotes) into its fields.
 */
public final class CsvRecordParser {

	private CsvRecordParser() {
	}

	public static List<String> fields(String record, long line, CsvHeader header) {
		int expectedWidth = header.width();
		try (CSVParser parser = CSVParser.parse(record, CsvHeader.format(header.delimiter()))) {
			List<CSVRecord> records = parser.getRecords();
			if (records.size() != 1) {
				throw new InvalidRecordException(line, null, "not a single CSV record");
			}
			List<String> fields = records.get(0).toList();
			if (fields.size() != expectedWidth) {
				throw new InvalidRecordException(line, null,
						"expected " + expectedWidth + " columns as in the header, found " + fields.size());
			}
			return fields;
		}
		catch (IOException | UncheckedIOException | IllegalStateException ex) {
			throw new InvalidRecordException(line, null, "malformed CSV: " + ex.getMessage());
		}
	}

}
