package io.tidings.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.tidings.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.file.BufferedReaderFactory;
import org.springframework.batch.infrastructure.item.file.separator.RecordSeparatorPolicy;
import org.springframework.batch.infrastructure.item.file.separator.SimpleRecordSeparatorPolicy;

/**
 * Reading rules shared by every CSV input: UTF-8 unless the user names another encoding
 * (a byte order mark is tolerated), decoded strictly so that a file in another encoding
 * fails with the line and byte where it stops being valid, instead of turning names into
 * replacement characters. The encoding is never guessed.
 */
public final class CsvFiles {

	/**
	 * The longest record read: a longer line is cut, a record of several lines stops
	 * there, and either is rejected.
	 */
	public static final int MAX_RECORD_CHARS = 65_536;

	/**
	 * The most lines a quoted field may span: no field of our inputs may hold a line
	 * break, so a quote left open takes at most this many lines into the reject file with
	 * it, instead of the rest of the file.
	 */
	public static final int MAX_RECORD_LINES = 10;

	private CsvFiles() {
	}

	/** How a file that is not UTF-8 is refused where the user cannot name an encoding. */
	private static final String SAVE_AS_UTF8 = "save the file as UTF-8; Latin-1, Windows-1252 and UTF-16 files are not accepted";

	/** A reader factory for Spring Batch that decodes UTF-8 strictly. */
	public static BufferedReaderFactory strictUtf8() {
		return strict(StandardCharsets.UTF_8);
	}

	/** A reader factory for Spring Batch that decodes the given encoding strictly. */
	public static BufferedReaderFactory strict(Charset charset) {
		return (resource, encoding) -> strictReader(resource.getInputStream(), charset);
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

	/**
	 * A reader that decodes UTF-8 strictly and returns lines of at most
	 * {@value #MAX_RECORD_CHARS} characters and one more: a longer line is cut there (the
	 * rest of it is skipped), so that one endless line cannot take the memory, and the
	 * record it belongs to is rejected as too long.
	 */
	public static BufferedReader strictReader(InputStream in) {
		return strictReader(in, StandardCharsets.UTF_8);
	}

	/**
	 * Like {@link #strictReader(InputStream)}, in the given encoding.
	 */
	public static BufferedReader strictReader(InputStream in, Charset charset) {
		return new BoundedLineReader(new InputStreamReader(in,
				charset.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)));
	}

	/**
	 * Checks a whole file before a job reads it: it exists, it is UTF-8 throughout (a
	 * UTF-16 file, which starts with its byte order mark or has NUL bytes, is named as
	 * such), it has a header row. Streams the file, counting lines, so that an encoding
	 * error names the line it is on, whatever the size of the file or of its lines;
	 * returns the header.
	 */
	public static CsvHeader checkAndReadHeader(Path file) {
		return checkAndReadHeader(file, StandardCharsets.UTF_8, null, SAVE_AS_UTF8);
	}

	/**
	 * Like {@link #checkAndReadHeader(Path)}, in the given encoding and with the given
	 * delimiter (or the one the header row suggests, when {@code null}).
	 * @param hint how the user can read the file in another encoding, for the message
	 * that names the line and byte offset where the file stops being valid
	 */
	public static CsvHeader checkAndReadHeader(Path file, Charset charset, @Nullable Character delimiter, String hint) {
		if (!Files.isRegularFile(file)) {
			throw new InvalidInputException(file, "file not found");
		}
		boolean utf16 = charset.name().startsWith("UTF-16");
		CharsetDecoder decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
		CharBuffer chars = CharBuffer.allocate(64 * 1024);
		StringBuilder header = new StringBuilder();
		long line = 1;
		long offset = 0;
		boolean headerDone = false;
		boolean first = true;
		try (InputStream in = Files.newInputStream(file)) {
			boolean end = false;
			while (!end) {
				int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
				end = read < 0;
				if (read > 0) {
					bytes.position(bytes.position() + read);
				}
				bytes.flip();
				if (first && bytes.remaining() >= 2 && !utf16) {
					first = false;
					checkNotUtf16(file, bytes);
				}
				CoderResult result = decoder.decode(bytes, chars, end);
				if (end && !result.isError()) {
					result = decoder.flush(chars);
				}
				chars.flip();
				while (chars.hasRemaining()) {
					char c = chars.get();
					if (c == '\n') {
						line++;
						headerDone = true;
					}
					else if (c == 0) {
						throw new InvalidInputException(file, line, null,
								"contains NUL characters: not a text file, or UTF-16 (save it as UTF-8)");
					}
					else if (!headerDone && header.length() <= MAX_RECORD_CHARS) {
						header.append(c);
					}
				}
				chars.clear();
				if (result.isError()) {
					throw new InvalidInputException(file, line, null, "not valid " + charset.name() + " at byte offset "
							+ (offset + bytes.position()) + " (" + hint + ")");
				}
				offset += bytes.position();
				bytes.compact();
			}
		}
		catch (IOException ex) {
			throw new InvalidInputException(file, "cannot be read: " + ex.getMessage());
		}
		String text = (header.length() > 0 && header.charAt(header.length() - 1) == '\r')
				? header.substring(0, header.length() - 1) : header.toString();
		if (text.isBlank()) {
			throw new InvalidInputException(file, 1, null, "empty file: a header row is required");
		}
		if (text.length() > MAX_RECORD_CHARS) {
			throw new InvalidInputException(file, 1, null,
					"header row longer than " + MAX_RECORD_CHARS + " characters: not a CSV file with a header row");
		}
		return CsvHeader.parse(file, text, delimiter);
	}

	private static void checkNotUtf16(Path file, ByteBuffer start) {
		int b0 = start.get(0) & 0xff;
		int b1 = start.get(1) & 0xff;
		if ((b0 == 0xff && b1 == 0xfe) || (b0 == 0xfe && b1 == 0xff)) {
			throw new InvalidInputException(file, 1, null,
					"UTF-16 (the file starts with a UTF-16 byte order mark): save it as UTF-8");
		}
	}

	/**
	 * Reads only the header of a file that {@link #checkAndReadHeader} accepted.
	 */
	public static CsvHeader readHeader(Path file) {
		return readHeader(file, StandardCharsets.UTF_8, null);
	}

	/**
	 * Reads only the header of a file that
	 * {@link #checkAndReadHeader(Path, Charset, Character, String)} accepted.
	 */
	public static CsvHeader readHeader(Path file, Charset charset, @Nullable Character delimiter) {
		try (BufferedReader reader = strictReader(Files.newInputStream(file), charset)) {
			String line = reader.readLine();
			return CsvHeader.parse(file, (line != null) ? line : "", delimiter);
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
			if (record.length() > MAX_RECORD_CHARS || lines(record) >= MAX_RECORD_LINES) {
				return true;
			}
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

		private static int lines(String record) {
			int lines = 1;
			for (int index = record.indexOf('\n'); index >= 0; index = record.indexOf('\n', index + 1)) {
				lines++;
			}
			return lines;
		}

	}

	/**
	 * Reads lines of at most {@value #MAX_RECORD_CHARS} characters and one more.
	 */
	private static final class BoundedLineReader extends BufferedReader {

		private final char[] buffer = new char[8192];

		private int position;

		private int limit;

		BoundedLineReader(Reader in) {
			super(in, 1);
		}

		@Override
		public @Nullable String readLine() throws IOException {
			StringBuilder line = new StringBuilder();
			boolean any = false;
			while (true) {
				if (this.position == this.limit) {
					this.limit = super.read(this.buffer, 0, this.buffer.length);
					this.position = 0;
					if (this.limit <= 0) {
						this.limit = 0;
						return any ? line.toString() : null;
					}
				}
				char c = this.buffer[this.position++];
				any = true;
				if (c == '\n') {
					return line.toString();
				}
				if (c == '\r') {
					if (this.position == this.limit) {
						this.limit = super.read(this.buffer, 0, this.buffer.length);
						this.position = 0;
						this.limit = Math.max(this.limit, 0);
					}
					if (this.position < this.limit && this.buffer[this.position] == '\n') {
						this.position++;
					}
					return line.toString();
				}
				if (line.length() <= MAX_RECORD_CHARS) {
					line.append(c);
				}
			}
		}

	}

}
