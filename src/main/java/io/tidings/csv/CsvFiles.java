package io.tidings.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.tidings.InvalidInputException;

import org.springframework.batch.infrastructure.item.file.BufferedReaderFactory;

/**
 * Reading rules shared by the customer and transaction files: UTF-8 only (a byte order
 * mark is tolerated), decoded strictly so that a file in another encoding fails with the
 * line where it stops being UTF-8, instead of turning names into replacement characters.
 */
public final class CsvFiles {

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private CsvFiles() {
	}

	/** A reader factory for Spring Batch that decodes UTF-8 strictly. */
	public static BufferedReaderFactory strictUtf8() {
		return (resource, encoding) -> strictReader(resource.getInputStream());
	}

	public static BufferedReader strictReader(InputStream in) {
		return new BufferedReader(new InputStreamReader(in,
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)));
	}

	/**
	 * Checks a whole file before a job reads it: it exists, it is UTF-8 throughout, it
	 * has a header row. Streams the file; returns the header columns.
	 */
	public static List<String> checkAndReadHeader(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new InvalidInputException(file, "file not found");
		}
		long line = 0;
		String header = null;
		try (BufferedReader reader = strictReader(Files.newInputStream(file))) {
			String text;
			while ((text = reader.readLine()) != null) {
				line++;
				if (header == null) {
					header = text;
				}
			}
		}
		catch (CharacterCodingException ex) {
			throw new InvalidInputException(file, line + 1, null,
					"not valid UTF-8 (save the file as UTF-8; Latin-1, Windows-1252 and UTF-16 files are not accepted)");
		}
		catch (IOException ex) {
			throw new InvalidInputException(file, "cannot be read: " + ex.getMessage());
		}
		if (header == null || header.isBlank()) {
			throw new InvalidInputException(file, 1, null, "empty file: a header row is required");
		}
		return headerColumns(file, header);
	}

	public static List<String> headerColumns(Path file, String headerLine) {
		String line = (!headerLine.isEmpty() && headerLine.charAt(0) == BYTE_ORDER_MARK) ? headerLine.substring(1)
				: headerLine;
		try (CSVParser parser = CSVParser.parse(line, CSVFormat.RFC4180)) {
			List<CSVRecord> records = parser.getRecords();
			if (records.isEmpty()) {
				throw new InvalidInputException(file, 1, null, "empty header row");
			}
			return records.get(0).toList().stream().map(String::strip).toList();
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			throw new InvalidInputException(file, 1, null, "unreadable header row: " + ex.getMessage());
		}
	}

}
