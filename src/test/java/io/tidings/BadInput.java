package io.tidings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input}, listed with the expected
 * outcome of every file in {@code docs/reliability.md}): files are copied into a test's
 * folder before use, so that reject and warning files are written there.
 */
public final class BadInput {

	public static final Path CORPUS = TestCampaigns.PROJECT.resolve("src/test/resources/bad-input");

	private BadInput() {
	}

	/**
	 * Copies corpus files into a folder.
	 * @return the copy of the first
	 */
	public static Path copy(Path folder, String... names) {
		try {
			Files.createDirectories(folder);
			for (String name : names) {
				Files.copy(CORPUS.resolve(name), folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
			}
			return folder.resolve(names[0]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The records of a CSV file written by Tidings, header first.
	 */
	public static List<CSVRecord> csv(Path file) {
		try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
			return parser.getRecords();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Checks that no cell of a CSV file would run as a formula when the file is opened in
	 * a spreadsheet: none starts with {@code =}, {@code +}, {@code @}, a tab, a carriage
	 * return, or a {@code -} that does not begin a number.
	 */
	public static void assertNoFormulaCells(Path file) {
		char delimiter = file.getFileName().toString().startsWith("scores") ? ';' : ',';
		try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8,
				CSVFormat.RFC4180.builder().setDelimiter(delimiter).get())) {
			for (CSVRecord record : parser) {
				for (String cell : record) {
					assertThat(isFormula(cell)).as("cell %s of %s", cell, file).isFalse();
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isFormula(String cell) {
		if (cell.isEmpty()) {
			return false;
		}
		char first = cell.charAt(0);
		return first == '=' || first == '+' || first == '@' || first == '\t' || first == '\r'
				|| (first == '-' && !cell.matches("-[0-9.]+"));
	}

}
