package io.tidings.print;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InserterMarksTests {

	private final PrintSettings.ClearZone zone = PrintSettings.defaults().clearZone();

	@Test
	void shouldDrawADataMatrixCodeAScannerReadsBack() throws IOException {
		// given
		InserterCode code = new InserterCode("7KQ2MX9A-00012345", 3, 4);
		// when
		BufferedImage page = draw(PrintSettings.Marks.DATAMATRIX, code);
		// then
		assertThat(InserterCode.parse(PrintedPages.dataMatrix(page, this.zone))).isEqualTo(code);
	}

	@Test
	void shouldDrawOmrBarsForSheetSequenceEndOfEnvelopeAndParity() throws IOException {
		for (int sheet = 1; sheet <= 3; sheet++) {
			// when
			boolean[] read = PrintedPages.omrMarks(draw(PrintSettings.Marks.OMR, new InserterCode("E-1", sheet, 3)),
					this.zone);
			// then
			assertThat(read).as("sheet " + sheet).containsExactly(InserterMarks.omrMarks(sheet, 3));
			assertThat(read[InserterMarks.OMR_START]).isTrue();
			assertThat(read[InserterMarks.OMR_LAST_SHEET]).isEqualTo(sheet == 3);
			int bars = 0;
			for (boolean bar : read) {
				bars += bar ? 1 : 0;
			}
			assertThat(bars % 2).as("even number of bars").isZero();
		}
		assertThat(InserterMarks.omrMarks(1, 3)).isNotEqualTo(InserterMarks.omrMarks(2, 3));
	}

	@Test
	void shouldWriteNumbersAsThreeDecimalsLikeFormatDoes() {
		for (float value : new float[] { 0f, 0.0004f, 0.0005f, 1.5f, 12.3456f, 595.2756f, 841.8898f, 99.9996f, -3.25f,
				-0.0004f }) {
			assertThat(InserterMarks.number(new StringBuilder(), value).toString()).as("%s", value)
				.isEqualTo(String.format(Locale.ROOT, "%.3f", value).replace("-0.000", "0.000"));
		}
	}

	@Test
	void shouldDrawNothingWithoutMarks() throws IOException {
		BufferedImage page = draw(PrintSettings.Marks.NONE, new InserterCode("E-1", 1, 1));
		assertThat(PrintedPages.dataMatrix(page, this.zone)).isNull();
		assertThat(PrintedPages.omrMarks(page, this.zone)).containsOnly(false);
	}

	private BufferedImage draw(PrintSettings.Marks kind, InserterCode code) throws IOException {
		ByteArrayOutputStream pdf = new ByteArrayOutputStream();
		try (PDDocument document = new PDDocument()) {
			PDPage page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			String operators = new InserterMarks(kind, this.zone, PrintSettings.defaults().windowCode())
				.operators(page.getMediaBox().getHeight(), code);
			page.setContents(
					new PDStream(document, new ByteArrayInputStream(operators.getBytes(StandardCharsets.US_ASCII))));
			document.save(pdf);
		}
		try (PDDocument document = Loader.loadPDF(pdf.toByteArray())) {
			return PrintedPages.image(document, 1);
		}
	}

}
