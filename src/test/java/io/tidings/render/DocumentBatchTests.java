package io.tidings.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.outbox.DocumentModel;
import io.tidings.print.StatementSamples;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentBatchTests {

	private final PdfRenderer renderer = new PdfRenderer(RenderSettings.defaults());

	private final TemplateEngine templates = new TemplateEngine();

	@TempDir
	Path folder;

	@Test
	void shouldLayOutEachDocumentOnItsOwnPagesNumberedFromOne() throws IOException {
		List<String> xhtml = new ArrayList<>();
		List<Integer> alonePages = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String document = statement(i, (i == 2) ? 60 : 10);
			xhtml.add(document);
			alonePages
				.add(this.renderer.render(document, StatementSamples.TEMPLATES, "statement", Rendition.PRINT).pages());
		}

		RenderedBatch batch = this.renderer.renderBatch(xhtml, StatementSamples.TEMPLATES, "statement",
				Rendition.PRINT);

		assertThat(batch.rejected()).isEmpty();
		assertThat(batch.parts()).hasSize(1);
		RenderedBatch.Part part = batch.parts().get(0);
		assertThat(alonePages.get(2)).isGreaterThan(1);
		assertThat(part.documents()).extracting(RenderedBatch.Placed::pages).containsExactlyElementsOf(alonePages);
		assertThat(part.pages()).isEqualTo(alonePages.stream().mapToInt(Integer::intValue).sum());
		assertThat(PdfAValidation.violations(part.content(), PDFAFlavour.PDFA_2_B)).isEmpty();
		try (PDDocument pdf = Loader.loadPDF(part.content())) {
			for (RenderedBatch.Placed placed : part.documents()) {
				// the footer of each page: the document's reference, and its page number
				String reference = StatementSamples.id(placed.position()).value();
				for (int page = 0; page < placed.pages(); page++) {
					String text = text(pdf, placed.firstPage() + page);
					assertThat(text).contains(reference).contains((page + 1) + " / " + placed.pages());
				}
			}
		}
	}

	@Test
	void shouldTakeOutADocumentAsPdfABytesThatAreTheSameEachTime() throws IOException {
		List<String> xhtml = List.of(statement(0, 10), statement(1, 60), statement(2, 10));
		RenderedBatch.Part part = this.renderer
			.renderBatch(xhtml, StatementSamples.TEMPLATES, "statement", Rendition.PRINT)
			.parts()
			.get(0);
		Path file = Files.write(this.folder.resolve("batch.pdf"), part.content());
		RenderedBatch.Placed second = part.documents().get(1);

		byte[] extracted = BatchPages.extract(file, second.firstPage(), second.pages());

		assertThat(BatchPages.extract(file, second.firstPage(), second.pages())).isEqualTo(extracted);
		assertThat(PdfAValidation.violations(extracted, PDFAFlavour.PDFA_2_B)).isEmpty();
		try (PDDocument pdf = Loader.loadPDF(extracted)) {
			assertThat(pdf.getNumberOfPages()).isEqualTo(second.pages());
			assertThat(BatchPages.sha256(pdf)).isEqualTo(second.pagesSha256());
			assertThat(new PDFTextStripper().getText(pdf)).contains(StatementSamples.customerId(1))
				.doesNotContain(StatementSamples.customerId(0))
				.doesNotContain(StatementSamples.customerId(2));
		}
	}

	@Test
	void shouldLeaveOutOnlyTheDocumentThatCannotBeDrawn() {
		List<String> xhtml = List.of(statement(0, 10),
				statement(1, 10).replace("</body>", "<p>\uD808\uDC00</p></body>"), statement(2, 10));

		RenderedBatch batch = this.renderer.renderBatch(xhtml, StatementSamples.TEMPLATES, "statement",
				Rendition.PRINT);

		assertThat(batch.rejected()).containsOnlyKeys(1);
		assertThat(batch.rejected().get(1)).hasMessageContaining("U+12000");
		assertThat(batch.parts()).singleElement()
			.satisfies(part -> assertThat(part.documents()).extracting(RenderedBatch.Placed::position)
				.containsExactly(0, 2));
	}

	@Test
	void shouldLayOutDocumentsWithAnotherStylesheetApart() {
		List<String> xhtml = List.of(statement(0, 10),
				statement(1, 10).replace("</head>", "<style>h1 { color: #0b4f6c; }</style></head>"), statement(2, 10));

		RenderedBatch batch = this.renderer.renderBatch(xhtml, StatementSamples.TEMPLATES, "statement",
				Rendition.PRINT);

		assertThat(batch.parts()).hasSize(2);
		assertThat(batch.parts().get(0).documents()).extracting(RenderedBatch.Placed::position).containsExactly(0, 2);
		assertThat(batch.parts().get(1).documents()).extracting(RenderedBatch.Placed::position).containsExactly(1);
	}

	private String statement(int index, int rows) {
		DocumentModel model = StatementSamples.statement(index, rows);
		return this.templates.render(model);
	}

	private static String text(PDDocument pdf, int page) throws IOException {
		PDFTextStripper stripper = new PDFTextStripper();
		stripper.setStartPage(page + 1);
		stripper.setEndPage(page + 1);
		return stripper.getText(pdf);
	}

}
