package io.tidings.csv;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.tidings.InvalidInputException;

import org.springframework.batch.infrastructure.item.file.BufferedReaderFactory;
import org.springframework.batch.infrastructure.item.file.separator.RecordSeparatorPolicy;
import org.springframework.batch.infrastructure.item.file.separator.SimpleRecordSeparatorPolicy;

/**
 * Reading rules shared by the customer and transaction files: UTF-8 only (a byte order
 * mark is tolerated), decoded strictly so that a file in another encoding fails with the
 * line where it stops being UTF-8, instead of turning names into replacement characters.
 */
public final class CsvFiles {

	private CsvFiles() {
	}

	/** A reader factory for Spring Batch that decodes UTF-8 strictly. */
	public static BufferedReaderFactory strictUtf8() {
		return (resource, encoding) -> strictReader(resource.getInputStream());
	}

	/**
	 * A record separator policy for Spring Batch that ends a record only at a line end
	 * outside a quoted field (RFC 4180), so that a quoted field may hold line breaks: the
	 * line mapper gets the whole record, line breaks included. A quote counts as opening
	 * a quoted field only at the start of a field, as the CSV parser reads it.
	 */
	public static RecordSeparatorPolicy quotedRecords(char delimiter) {
		return new QuotedRecordSeparatorPolicy(delimiter);
	}

	public static BufferedReader strictReader(InputStream in) {
		return new BufferedReader(new InputStreamReader(in,
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)));
	}

	/**
	 * Checks a whole file before a job reads it: it exists, it is UTF-8 throughout, it
	 * has a header row. Streams the file and decodes it line by line, so that an encoding
	 * error names the line it is on (a reader decodes a whole buffer ahead of the line it
	 * returns); returns the header.
	 */
	public static CsvHeader checkAndReadHeader(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new InvalidInputException(file, "file not found");
		}
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		long line = 0;
		String header = null;
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			int next;
			do {
				next = in.read();
				if (next != -1 && next != '\n') {
					bytes.write(next);
					continue;
				}
				if (next == -1 && bytes.size() == 0) {
					break;
				}
				line++;
				String text = decoder.decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
				if (header == null) {
					header = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
				}
				bytes.reset();
			}
			while (next != -1);
		}
		catch (CharacterCodingException ex) {
			throw new InvalidInputException(file, line, null,
					"not valid UTF-8 (save the file as UTF-8; Latin-1, Windows-1252 and UTF-16 files are not accepted)");
		}
		catch (IOException ex) {
			throw new InvalidInputException(file, "cannot be read: " + ex.getMessage());
		}
		if (header == null || header.isBlank()) {
			throw new InvalidInputException(file, 1, null, "empty file: a header row is required");
		}
		return CsvHeader.parse(file, header);
	}

	/**
	 * Reads only the header of a file that {@link #checkAndReadHeader} accepted.
	 */
	public static CsvHeader readHeader(Path file) {
		try (BufferedReader reader = strictReader(Files.newInputStream(file))) {
			String line = reader.readLine();
			return CsvHeader.parse(file, (line != null) ? line : "");
		}
		catch (IOException ex) {
			throw new InvalidInputException(file, "cannot be read: " + ex.getMessage());
		}
	}

	private static final class QuotedRecordSeparatorPolicy extends SimpleRecordSeparatorPolicy {

		private final char delimiter;

		QuotedRecordSeparatorPolicy(char delimiter) {
			this.delimiter = delimiter;
		}

		@Override
		public boolean isEndOfRecord(String record) {
			boolean quoted = false;
			boolean fieldStart = true;
			for (int index = 0; index < record.length(); index++) {
				char c = record.charAt(index);
				if (quoted) {
					if (c == '"') {
						if (index + 1 < record.length() && record.charAt(index + 1) == '"') {
							index++;
						}
						else {
							quoted = false;
						}
					}
				}
				else if (c == '"' && fieldStart) {
					quoted = true;
				}
				fieldStart = !quoted && c == this.delimiter;
			}
			return !quoted;
		}

		@Override
		public String preProcess(String record) {
			return isEndOfRecord(record) ? record : record + "\n";
		}

	}

}
