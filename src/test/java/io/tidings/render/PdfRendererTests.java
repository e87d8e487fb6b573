package io.tidings.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import io.tidings.outbox.DocumentRejectedException;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PdfRendererTests {

	private static final Path TEMPLATES = Path.of("templates");

	private final PdfRenderer renderer = new PdfRenderer(RenderSettings.defaults());

	@Test
	void shouldDrawNamesInEveryScriptWithEmbeddedSubsetFonts() throws IOException {
		// given
		List<String> names = List.of("Zoë Brontë-Smith", "Łukasz Wójcik", "Γιώργος Παπαδόπουλος", "Олена Шевченко",
				"王小明", "Ștefan Popescu", "İsmail Yılmaz", "Søren Kierkegård");
		// when
		RenderedPdf pdf = this.renderer.render(page(String.join("<br/>", names)), TEMPLATES, "test.ftlh",
				Rendition.ELECTRONIC);
		// then
		try (PDDocument document = Loader.loadPDF(pdf.content())) {
			String text = new PDFTextStripper().getText(document);
			assertThat(text).contains(names);
			assertThat(pdf.pages()).isEqualTo(1);
			List<PDFont> fonts = new ArrayList<>();
			for (var name : document.getPage(0).getResources().getFontNames()) {
				fonts.add(document.getPage(0).getResources().getFont(name));
			}
			assertThat(fonts).isNotEmpty().allSatisfy(font -> {
				assertThat(font.isEmbedded()).as(font.getName() + " embedded").isTrue();
				assertThat(font.getName()).as("subset font name").matches("[A-Z]{6}\\+.+");
			});
		}
	}

	@Test
	void shouldRenderPdfA2bThatVeraPdfAccepts() {
		// given
		String xhtml = page("Γιώργος Παπαδόπουλος<br/>王小明<br/>Олена Шевченко");
		// when
		RenderedPdf pdf = this.renderer.render(xhtml, TEMPLATES, "test.ftlh", Rendition.ELECTRONIC);
		// then
		assertThat(PdfAValidation.violations(pdf.content(), PDFAFlavour.PDFA_2_B)).isEmpty();
		assertThat(PdfAValidation.violations(pdf.content(), PDFAFlavour.PDFUA_1)).isEmpty();
	}

	@Test
	void shouldLeaveTaggingOutWhenConfigured() throws IOException {
		// given
		PdfRenderer untagged = new PdfRenderer(new RenderSettings(false, false));
		// when
		RenderedPdf pdf = untagged.render(page("Zoë Brontë-Smith"), TEMPLATES, "test.ftlh", Rendition.ELECTRONIC);
		// then
		assertThat(PdfAValidation.violations(pdf.content(), PDFAFlavour.PDFA_2_B)).isEmpty();
		try (PDDocument document = Loader.loadPDF(pdf.content())) {
			assertThat(document.getDocumentCatalog().getStructureTreeRoot()).isNull();
		}
	}

	@Test
	void shouldContinueALongTableOnTheNextPageWithItsHeaderRepeated() throws IOException {
		// given a table of 120 rows
		StringBuilder rows = new StringBuilder();
		for (int row = 1; row <= 120; row++) {
			rows.append("<tr><td>Row ")
				.append(row)
				.append("</td><td class=\"amount\">")
				.append(row)
				.append(".00</td></tr>");
		}
		String xhtml = """
				<html xmlns="http://www.w3.org/1999/xhtml"><head>
				<link rel="stylesheet" type="text/css" href="css/print.css"/><title>Long</title></head>
				<body><table><thead><tr><th>Booking</th><th class="amount">Amount</th></tr></thead>
				<tbody>%s</tbody></table></body></html>
				""".formatted(rows);
		// when
		RenderedPdf pdf = this.renderer.render(xhtml, TEMPLATES, "long.ftlh", Rendition.ELECTRONIC);
		// then every row is there once, and every page starts with the header
		assertThat(pdf.pages()).isGreaterThanOrEqualTo(3);
		try (PDDocument document = Loader.loadPDF(pdf.content())) {
			PDFTextStripper stripper = new PDFTextStripper();
			String all = stripper.getText(document);
			for (int row = 1; row <= 120; row++) {
				assertThat(all).containsOnlyOnce("Row " + row + " ");
			}
			for (int page = 1; page <= pdf.pages(); page++) {
				stripper.setStartPage(page);
				stripper.setEndPage(page);
				String text = stripper.getText(document);
				assertThat(text).as("page " + page).contains("Booking Amount");
				assertThat(text.indexOf("Booking Amount")).as("page " + page).isLessThan(text.indexOf("Row "));
			}
		}
	}

	@Test
	void shouldRefuseACharacterNoFontCanDraw() {
		assertThatExceptionOfType(DocumentRejectedException.class).isThrownBy(
				() -> this.renderer.render(page("Ann \uD808\uDC00 Lee"), TEMPLATES, "test.ftlh", Rendition.ELECTRONIC))
			.withMessageContaining("template test.ftlh: no font can draw")
			.withMessageContaining("(U+12000)");
	}

	@Test
	void shouldRefuseReplacementCharactersLeftByABadDecoding() {
		assertThatExceptionOfType(DocumentRejectedException.class)
			.isThrownBy(() -> this.renderer.render(page("Mart\uFFFDnez"), TEMPLATES, "test.ftlh", Rendition.ELECTRONIC))
			.withMessageContaining("U+FFFD");
	}

	@Test
	void shouldReportInvalidXhtmlWithItsLine() {
		assertThatExceptionOfType(DocumentRejectedException.class)
			.isThrownBy(() -> this.renderer.render("<html>\n<body><p>unclosed</body></html>", TEMPLATES, "bad.ftlh",
					Rendition.ELECTRONIC))
			.withMessageContaining("template bad.ftlh produced invalid XHTML at output line 2");
	}

	@Test
	void shouldPrintBlackAndGreysInBlackInkOnlyWithoutAStructureTree() throws IOException {
		// given text in near black and grey, a heading in a colour
		String xhtml = page("<span style=\"color: #1a1a1a\">Zoë Brontë-Smith</span> "
				+ "<span style=\"color: #777777\">account</span> <span style=\"color: #0b4f6c\">offer</span>");
		// when
		RenderedPdf pdf = this.renderer.render(xhtml, TEMPLATES, "test.ftlh", Rendition.PRINT);
		// then
		assertThat(PdfAValidation.violations(pdf.content(), PDFAFlavour.PDFA_2_B)).isEmpty();
		try (PDDocument document = Loader.loadPDF(pdf.content())) {
			assertThat(document.getDocumentCatalog().getStructureTreeRoot()).isNull();
			assertThat(new PDFTextStripper().getText(document)).contains("Zoë Brontë-Smith");
			List<String> colours = colourOperations(document);
			assertThat(colours).contains("0.10196 g", "0.46667 g", "0.04314 0.3098 0.42353 rg")
				.noneMatch(colour -> colour.matches("(\\S+) \\1 \\1 (rg|RG)"));
		}
	}

	@Test
	void shouldCompressPrintedPagesWithNothingInBlackOrGrey() throws IOException {
		// given pages in one colour, without the print style sheet's greys
		String unstyled = """
				<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Test</title></head>
				<body style="font-family: 'Noto Sans'"><p style="color: #0b4f6c">%s</p></body></html>
				""";
		// when one is drawn alone and two in a batch
		RenderedPdf pdf = this.renderer.render(unstyled.formatted("offer"), TEMPLATES, "test.ftlh", Rendition.PRINT);
		RenderedBatch batch = this.renderer.renderBatch(List.of(unstyled.formatted("one"), unstyled.formatted("two")),
				TEMPLATES, "test.ftlh", Rendition.PRINT);
		// then every page's content is compressed
		for (byte[] content : List.of(pdf.content(), batch.rendered().get(0).content(),
				batch.rendered().get(1).content())) {
			try (PDDocument document = Loader.loadPDF(content)) {
				assertThat(colourOperations(document)).noneMatch(colour -> colour.endsWith(" g"));
				for (PDPage page : document.getPages()) {
					assertThat(page.getCOSObject().getDictionaryObject(COSName.CONTENTS)).isInstanceOfSatisfying(
							COSStream.class,
							(stream) -> assertThat(stream.getFilters()).isEqualTo(COSName.FLATE_DECODE));
				}
			}
		}
	}

	@Test
	void shouldKeepColoursAsDesignedOnAScreen() throws IOException {
		// when
		RenderedPdf pdf = this.renderer.render(page("<span style=\"color: #1a1a1a\">Zoë</span>"), TEMPLATES,
				"test.ftlh", Rendition.ELECTRONIC);
		// then
		try (PDDocument document = Loader.loadPDF(pdf.content())) {
			assertThat(colourOperations(document)).contains("0.10196 0.10196 0.10196 rg");
		}
	}

	@Test
	void shouldTagPrintedDocumentsWhenConfigured() {
		// given
		PdfRenderer tagged = new PdfRenderer(new RenderSettings(true, true));
		// when
		RenderedPdf pdf = tagged.render(page("Zoë Brontë-Smith"), TEMPLATES, "test.ftlh", Rendition.PRINT);
		// then
		assertThat(PdfAValidation.violations(pdf.content(), PDFAFlavour.PDFUA_1)).isEmpty();
	}

	private static List<String> colourOperations(PDDocument document) throws IOException {
		List<String> colours = new ArrayList<>();
		List<Object> operands = new ArrayList<>();
		for (Object token : new PDFStreamParser(document.getPage(0)).parse()) {
			if (token instanceof Operator operator) {
				if (List.of("g", "G", "rg", "RG", "k", "K").contains(operator.getName())) {
					colours.add(String.join(" ", operands.stream().map(PdfRendererTests::number).toList()) + " "
							+ operator.getName());
				}
				operands.clear();
			}
			else {
				operands.add(token);
			}
		}
		return colours;
	}

	private static String number(Object operand) {
		return (operand instanceof COSNumber number)
				? new java.math.BigDecimal(Float.toString(number.floatValue())).stripTrailingZeros().toPlainString()
				: operand.toString();
	}

	private static String page(String body) {
		return """
				<html xmlns="http://www.w3.org/1999/xhtml"><head>
				<link rel="stylesheet" type="text/css" href="css/print.css"/>
				<title>Test</title></head>
				<body><p>%s</p></body></html>
				""".formatted(body);
	}

}
