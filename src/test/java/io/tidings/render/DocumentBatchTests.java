package io.tidings.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.type.BadFieldValueException;
import org.apache.xmpbox.xml.DomXmpParser;
import org.apache.xmpbox.xml.XmpParsingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.archive.Archives;
import io.tidings.outbox.DocumentModel;
import io.tidings.print.StatementSamples;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentBatchTests {

	/** The languages of the first statements of {@link StatementSamples}. */
	private static final String[] LANGUAGES = { "en", "pt", "el", "uk" };

	private final PdfRenderer renderer = new PdfRenderer(RenderSettings.defaults());

	private final TemplateEngine templates = new TemplateEngine();

	@TempDir
	Path home;

	@Test
	void shouldLayOutDocumentsTogetherAndGiveEachItsOwnPdfANumberedFromOne() throws IOException {
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
		assertThat(batch.layouts()).isEqualTo(1);
		assertThat(alonePages.get(2)).isGreaterThan(1);
		for (int i = 0; i < 5; i++) {
			RenderedPdf document = batch.rendered().get(i);
			assertThat(document.pages()).isEqualTo(alonePages.get(i));
			byte[] archived = archived(document);
			assertThat(PdfAValidation.violations(archived, PDFAFlavour.PDFA_2_B)).isEmpty();
			try (PDDocument pdf = Loader.loadPDF(archived)) {
				assertThat(pdf.getNumberOfPages()).isEqualTo(document.pages());
				// the footer of each page: this document's reference, and its own page
				// number
				for (int page = 0; page < document.pages(); page++) {
					assertThat(text(pdf, page)).contains(StatementSamples.id(i).value())
						.contains((page + 1) + " / " + document.pages());
				}
				assertThat(new PDFTextStripper().getText(pdf)).contains(StatementSamples.customerId(i))
					.doesNotContain(StatementSamples.customerId((i + 1) % 5));
				for (COSName name : pdf.getPage(0).getResources().getFontNames()) {
					PDFont font = pdf.getPage(0).getResources().getFont(name);
					assertThat(font.isEmbedded()).isTrue();
				}
			}
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
		assertThat(batch.rendered()).containsOnlyKeys(0, 2);
		assertThat(batch.layouts()).isEqualTo(1);
	}

	@Test
	void shouldLayOutDocumentsWithAnotherStylesheetApart() {
		List<String> xhtml = List.of(statement(0, 10),
				statement(1, 10).replace("</head>", "<style>h1 { color: #0b4f6c; }</style></head>"), statement(2, 10));

		RenderedBatch batch = this.renderer.renderBatch(xhtml, StatementSamples.TEMPLATES, "statement",
				Rendition.PRINT);

		assertThat(batch.rendered()).containsOnlyKeys(0, 1, 2);
		assertThat(batch.layouts()).isEqualTo(2);
	}

	@Test
	void shouldLayOutTaggedDocumentsTogetherEachWithAStructureTreeOfItsOwn() throws IOException {
		List<String> xhtml = new ArrayList<>();
		List<Integer> alonePages = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String document = statement(i, (i == 1) ? 60 : 10);
			xhtml.add(document);
			alonePages.add(this.renderer.render(document, StatementSamples.TEMPLATES, "statement", Rendition.ELECTRONIC)
				.pages());
		}

		RenderedBatch batch = this.renderer.renderBatch(xhtml, StatementSamples.TEMPLATES, "statement",
				Rendition.ELECTRONIC);

		assertThat(batch.rejected()).isEmpty();
		assertThat(batch.layouts()).isEqualTo(1);
		assertThat(alonePages.get(1)).isGreaterThan(1);
		for (int i = 0; i < 4; i++) {
			RenderedPdf document = batch.rendered().get(i);
			assertThat(document.pages()).isEqualTo(alonePages.get(i));
			assertThat(PdfAValidation.violations(document.content(), PDFAFlavour.PDFA_2_B)).as("PDF/A-2b").isEmpty();
			assertThat(PdfAValidation.violations(document.content(), PDFAFlavour.PDFUA_1)).as("PDF/UA-1").isEmpty();
			try (PDDocument pdf = Loader.loadPDF(document.content())) {
				assertThat(new PDFTextStripper().getText(pdf)).contains(StatementSamples.customerId(i))
					.doesNotContain(StatementSamples.customerId((i + 1) % 4));
				PDStructureTreeRoot tree = pdf.getDocumentCatalog().getStructureTreeRoot();
				assertThat(tree.getKids()).hasSize(1);
				PDStructureElement top = (PDStructureElement) tree.getKids().get(0);
				assertThat(top.getStructureType()).isEqualTo("Document");
				assertThat(top.getLanguage()).isEqualTo(LANGUAGES[i]);
				// every page's marked content leads to elements of this document's tree
				for (int page = 0; page < document.pages(); page++) {
					int key = pdf.getPage(page).getStructParents();
					assertThat(tree.getParentTree().getValue(key)).as("page %d", page).isNotNull();
				}
			}
		}
	}

	@Test
	void shouldNotHandTheBatchsOwnElementsToTheOnlyDocumentOfABatch() throws IOException {
		// the merged html carries no language of its own: a reader must never meet it
		RenderedBatch batch = this.renderer.renderBatch(List.of(statement(2, 10)), StatementSamples.TEMPLATES,
				"statement", Rendition.ELECTRONIC);

		byte[] content = batch.rendered().get(0).content();
		assertThat(PdfAValidation.violations(content, PDFAFlavour.PDFUA_1)).as("PDF/UA-1").isEmpty();
		try (PDDocument pdf = Loader.loadPDF(content)) {
			PDStructureElement top = (PDStructureElement) pdf.getDocumentCatalog()
				.getStructureTreeRoot()
				.getKids()
				.get(0);
			assertThat(top.getLanguage()).isEqualTo(LANGUAGES[2]);
			assertThat(descendants(top)).isNotEmpty()
				.allSatisfy(element -> assertThat(element.getStructureType()).isNotEqualTo("Document"))
				.allSatisfy(element -> assertThat(element.getLanguage()).isIn(null, LANGUAGES[2]));
		}
	}

	private static List<PDStructureElement> descendants(PDStructureElement element) {
		List<PDStructureElement> found = new ArrayList<>();
		for (Object kid : element.getKids()) {
			if (kid instanceof PDStructureElement child) {
				found.add(child);
				found.addAll(descendants(child));
			}
		}
		return found;
	}

	@Test
	void shouldGiveEachDocumentOfABatchItsOwnTitleAndLanguage() throws IOException {
		// English, then Greek, then a title that XML must escape
		List<String> xhtml = List.of(statement(0, 10), statement(2, 10), statement(3, 10)
			.replaceFirst("<title>[^<]*</title>", "<title>Statement &amp; \\\"notes\\\" &lt;Q3&gt;</title>"));
		int[] people = { 0, 2, 3 };
		for (Rendition rendition : Rendition.values()) {
			RenderedBatch batch = this.renderer.renderBatch(xhtml, StatementSamples.TEMPLATES, "statement", rendition);

			assertThat(batch.layouts()).isEqualTo(1);
			List<String> titles = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				byte[] content = archived(batch.rendered().get(i));
				assertThat(PdfAValidation.violations(content, PDFAFlavour.PDFA_2_B)).as("PDF/A-2b").isEmpty();
				try (PDDocument pdf = Loader.loadPDF(content)) {
					String title = pdf.getDocumentInformation().getTitle();
					titles.add(title);
					assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo(LANGUAGES[people[i]]);
					DomXmpParser parser = new DomXmpParser();
					XMPMetadata xmp = parser.parse(pdf.getDocumentCatalog().getMetadata().toByteArray());
					assertThat(xmp.getDublinCoreSchema().getTitle()).isEqualTo(title);
					assertThat(xmp.getPDFAIdentificationSchema().getPart()).isEqualTo(2);
				}
				catch (XmpParsingException | BadFieldValueException ex) {
					throw new AssertionError(ex);
				}
			}
			assertThat(titles).doesNotHaveDuplicates().contains("Statement & \"notes\" <Q3>");
		}
	}

	@Test
	void shouldKeepAStatementOfManyPagesPdfA2bAndPdfUa1Valid() {
		// a Greek statement of 200 transactions: account, number, running balance, page x
		// / y
		RenderedPdf pdf = this.renderer.render(statement(2, 200), StatementSamples.TEMPLATES, "statement",
				Rendition.ELECTRONIC);

		assertThat(pdf.pages()).isGreaterThanOrEqualTo(4);
		assertThat(PdfAValidation.violations(pdf.content(), PDFAFlavour.PDFA_2_B)).isEmpty();
		assertThat(PdfAValidation.violations(pdf.content(), PDFAFlavour.PDFUA_1)).isEmpty();
	}

	/** A document as the archive gives it back (a printed one taken out of its batch). */
	private byte[] archived(RenderedPdf document) {
		return Archives.asArchived(Archives.in(this.home), document.content(), document.pages(), document.batch());
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
