package io.tidings.csv;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTests {

	@Test
	void shouldNeutraliseSpreadsheetFormulas() {
		assertThat(CsvCells.line("=HYPERLINK(\"http://evil\")", "+1+1", "@SUM(A1)", "-2+3"))
			.isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\",'+1+1,'@SUM(A1),'-2+3");
	}

	@Test
	void shouldKeepNegativeNumbersAndQuoteSeparators() {
		assertThat(CsvCells.line("-12.50", "a,b", "line\nbreak", null, 7))
			.isEqualTo("-12.50,\"a,b\",\"line\nbreak\",,7");
	}

	@Test
	void shouldNeutraliseATabOrCarriageReturnFirstAndWriteSemicolonLines() {
		assertThat(CsvCells.line("\tcmd", "\rcmd", " =1+1")).isEqualTo("'\tcmd,\"'\rcmd\",\" =1+1\"");
		assertThat(CsvCells.semicolonLine("=X1", "0.500000", "a;b")).isEqualTo("'=X1;0.500000;\"a;b\"");
	}

}
