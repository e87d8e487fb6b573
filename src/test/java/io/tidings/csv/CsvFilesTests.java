package io.tidings.csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.InvalidInputException;

import org.springframework.batch.infrastructure.item.file.separator.RecordSeparatorPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CsvFilesTests {

	private final RecordSeparatorPolicy records = CsvFiles.quotedRecords(',');

	@TempDir
	Path folder;

	@Test
	void shouldEndARecordOnlyAtALineEndOutsideAQuotedField() {
		assertThat(this.records.isEndOfRecord("T1,\"12 Rose Lane, Flat 2\",Dublin")).isTrue();
		assertThat(this.records.isEndOfRecord("T1,\"12 \"\"Rose\"\" Lane\",Dublin")).isTrue();
		assertThat(this.records.isEndOfRecord("T1,\"12 Long")).isFalse();
		assertThat(this.records.isEndOfRecord("T1,\"12 \"\"Rose")).isFalse();
		assertThat(this.records.isEndOfRecord("T1,\"12 Long\nRoad\",Dublin")).isTrue();
	}

	@Test
	void shouldNameSeparatorsAndRefuseCharactersThatCannotSeparate() {
		assertThat(List.of("tab", "TAB", "pipe", "comma", "semicolon", "^").stream().map(CsvHeader::delimiter))
			.containsExactly('\t', '\t', '|', ',', ';', '^');
		for (String bad : List.of("\"", "a", "7", "colon", "")) {
			assertThatExceptionOfType(IllegalArgumentException.class).as(bad)
				.isThrownBy(() -> CsvHeader.delimiter(bad));
		}
	}

	@Test
	void shouldReadTheDelimiterOfATsvFileAsATabUnlessOneIsGiven() {
		assertThat(CsvHeader.parse(Path.of("x.tsv"), "a\tb;c,d").columns()).containsExactly("a", "b;c,d");
		assertThat(CsvHeader.parse(Path.of("x.tsv"), "a\tb|c", '|').columns()).containsExactly("a\tb", "c");
		assertThat(CsvHeader.parse(Path.of("x.csv"), "a;b,c").delimiter()).isEqualTo(',');
	}

	@Test
	void shouldReadAQuoteInsideAnUnquotedFieldAsText() {
		assertThat(this.records.isEndOfRecord("T1,Ann,O\"Brien,Dublin")).isTrue();
		assertThat(this.records.isEndOfRecord("T1, \"Ann,Dublin")).isTrue();
	}

	@Test
	void shouldKeepTheLineBreakWhenARecordGoesOnOnTheNextLine() {
		assertThat(this.records.preProcess("T1,\"12 Long")).isEqualTo("T1,\"12 Long\n");
		assertThat(this.records.preProcess("T1,Dublin")).isEqualTo("T1,Dublin");
	}

	@Test
	void shouldNameTheLineWhereALargeFileStopsBeingUtf8() throws IOException {
		// given a file far larger than a read buffer, in Latin-1 from line 4000 on
		StringBuilder text = new StringBuilder("customer_id,last_name\r\n");
		for (int line = 2; line < 4000; line++) {
			text.append("C").append(line).append(",Smith\r\n");
		}
		text.append("C4000,Müller\r\n");
		Path file = this.folder.resolve("latin1.csv");
		Files.write(file, text.toString().getBytes(StandardCharsets.ISO_8859_1));
		// when / then
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> CsvFiles.checkAndReadHeader(file))
			.withMessage(file + ":4000: not valid UTF-8 at byte offset " + text.indexOf("ü")
					+ " (save the file as UTF-8; Latin-1, Windows-1252 and UTF-16 files are not accepted)");
	}

	@Test
	void shouldReadTheHeaderOfAUtf8FileWithWindowsLineEnds() throws IOException {
		// given
		Path file = Files.write(this.folder.resolve("crlf.csv"),
				"\uFEFFcustomer_id,last_name\r\nC1,Müller\r\n".getBytes(StandardCharsets.UTF_8));
		// when / then
		assertThat(CsvFiles.checkAndReadHeader(file))
			.isEqualTo(new CsvHeader(List.of("customer_id", "last_name"), ','));
	}

	@Test
	void shouldTakeTheDelimiterFromTheHeader() throws IOException {
		Path file = Files.write(this.folder.resolve("semicolons.csv"),
				"\"age\";\"job\";\"y\"\n30;\"admin.\";\"no\"\n".getBytes(StandardCharsets.UTF_8));
		CsvHeader header = CsvFiles.checkAndReadHeader(file);
		assertThat(header).isEqualTo(new CsvHeader(List.of("age", "job", "y"), ';'));
		assertThat(CsvRecordParser.fields("30;\"admin.\";\"no\"", 2, header)).containsExactly("30", "admin.", "no");
	}

}
