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
		if (record.length() > CsvFiles.MAX_RECORD_CHARS) {
			throw new InvalidRecordException(line, null, "record longer than " + CsvFiles.MAX_RECORD_CHARS
					+ " characters (cut there): a field too long, or a quote left open");
		}
		if (record.isBlank()) {
			throw new InvalidRecordException(line, null, "empty line");
		}
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
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new InvalidRecordException(line, null, "malformed CSV: " + cause.getMessage());
		}
	}

}
