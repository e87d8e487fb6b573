package io.tidings.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NeutralColoursTests {

	@Test
	void shouldWriteNeutralColoursAsGreyLevelsAndLeaveTheRestByteForByte() {
		String content = "q 0.10196 0.10196 0.10196 rg\nBT /F1 9 Tf <00410042> Tj (1 1 1 rg \\) 2 2 2 RG) Tj ET\n"
				+ "0.5 .5 0.50 RG [(a) -20 (b)] TJ 0.04314 0.3098 0.42353 rg 1 0 0 1 72 720 cm 0 0 0 rg";
		assertThat(rewritten(content))
			.isEqualTo("q 0.10196 g\nBT /F1 9 Tf <00410042> Tj (1 1 1 rg \\) 2 2 2 RG) Tj ET\n"
					+ "0.5 G [(a) -20 (b)] TJ 0.04314 0.3098 0.42353 rg 1 0 0 1 72 720 cm 0 g");
	}

	@Test
	void shouldHandBackTheSameContentWhenNoColourIsNeutral() {
		byte[] content = "0.1 0.2 0.3 rg /F1 9 Tf (grey 1 1 1 rg) Tj <</MCID 3>> BDC EMC"
			.getBytes(StandardCharsets.US_ASCII);
		assertThat(NeutralColours.rewritten(content)).isSameAs(content);
	}

	@Test
	void shouldLeaveContentWithAnInlineImageToTheParser() {
		byte[] content = "0 0 0 rg BI /W 1 /H 1 /CS /G /BPC 8 ID \u0001 EI".getBytes(StandardCharsets.ISO_8859_1);
		assertThat(NeutralColours.rewritten(content)).isNull();
	}

	@Test
	void shouldLeaveEveryPageCompressedWhetherOrNotItHadAColourToRewrite() throws IOException {
		String neutral = "0 0 0 rg 0 0 10 10 re f";
		String coloured = "0.1 0.2 0.3 rg 0 0 10 10 re f";
		String inlineImage = "0.1 0.2 0.3 rg BI /W 1 /H 1 /CS /G /BPC 8 ID \u0001 EI";
		try (PDDocument pdf = new PDDocument()) {
			for (String content : new String[] { neutral, coloured, inlineImage }) {
				PDPage page = new PDPage();
				PDStream drawn = new PDStream(pdf);
				try (OutputStream out = drawn.createOutputStream()) {
					out.write(content.getBytes(StandardCharsets.ISO_8859_1));
				}
				page.setContents(drawn);
				pdf.addPage(page);
			}

			NeutralColours.asGrey(pdf);

			for (int i = 0; i < 3; i++) {
				assertThat(pdf.getPage(i).getCOSObject().getDictionaryObject(COSName.CONTENTS)).isInstanceOfSatisfying(
						COSStream.class, (stream) -> assertThat(stream.getFilters()).isEqualTo(COSName.FLATE_DECODE));
			}
			assertThat(content(pdf.getPage(0))).isEqualTo("0 g 0 0 10 10 re f");
			assertThat(content(pdf.getPage(1))).isEqualTo(coloured);
			assertThat(content(pdf.getPage(2))).isEqualTo(inlineImage);
		}
	}

	@Test
	void shouldLeaveACompressedPageWithNothingToRewriteAsItIs() throws IOException {
		try (PDDocument pdf = new PDDocument()) {
			PDPage page = new PDPage();
			PDStream drawn = new PDStream(pdf);
			try (OutputStream out = drawn.createOutputStream(COSName.FLATE_DECODE)) {
				out.write("0.1 0.2 0.3 rg 0 0 10 10 re f".getBytes(StandardCharsets.US_ASCII));
			}
			page.setContents(drawn);
			pdf.addPage(page);

			NeutralColours.asGrey(pdf);

			assertThat(page.getCOSObject().getDictionaryObject(COSName.CONTENTS)).isSameAs(drawn.getCOSObject());
		}
	}

	private static String content(PDPage page) throws IOException {
		try (InputStream in = page.getContents()) {
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	private static String rewritten(String content) {
		byte[] rewritten = NeutralColours.rewritten(content.getBytes(StandardCharsets.US_ASCII));
		assertThat(rewritten).isNotNull();
		return new String(rewritten, StandardCharsets.US_ASCII);
	}

}
