package io.tidings.print;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.archive.DocumentArchive;
import io.tidings.render.PdfRenderer;
import io.tidings.render.RenderSettings;
import io.tidings.render.RenderedBatch;
import io.tidings.render.RenderedPdf;
import io.tidings.render.Rendition;

import static org.assertj.core.api.Assertions.assertThat;

class StreamWriterTests {

	private static final Path TEMPLATES = Path.of("templates");

	private static final List<String> NAMES = List.of("Zoë Brontë-Smith", "Γιώργος Παπαδόπουλος", "Олена Шевченко",
			"王小明", "Ștefan Popescu");

	private final PdfRenderer renderer = new PdfRenderer(RenderSettings.defaults());

	@TempDir
	Path folder;

	@Test
	void shouldEmbedEachFontOnceWithTheGlyphsAndTextOfEveryDocument() throws IOException {
		// given a document per name, each with its own subsets of the fonts
		List<Path> documents = documents();
		// when
		Path stream = stream(documents, name -> this.renderer.fontFile(TEMPLATES, name));
		// then every name reads back from the one font per family
		try (PDDocument pdf = Loader.loadPDF(stream.toFile())) {
			for (int i = 0; i < NAMES.size(); i++) {
				assertThat(PrintedPages.text(pdf, i + 1, i + 1)).contains(NAMES.get(i));
			}
			assertThat(fontsByFamily(pdf)).allSatisfy(fonts -> assertThat(fonts).hasSize(1));
		}
	}

	@Test
	void shouldShareTheFontsOfBatchFilesWhoseDocumentsComeInTurns() throws IOException {
		// given the documents laid out in two batches, each a file whose documents share
		// its font subsets, and placed in presort order, which takes turns between them
		List<DocumentArchive.Pages> placed = new ArrayList<>();
		List<String> names = new ArrayList<>();
		List<List<String>> batches = List.of(List.of(NAMES.get(0), NAMES.get(2), NAMES.get(4)),
				List.of(NAMES.get(1), NAMES.get(3), "Anaïs Nørgaard"));
		List<List<DocumentArchive.Pages>> files = new ArrayList<>();
		for (int b = 0; b < batches.size(); b++) {
			files.add(batch(batches.get(b), this.folder.resolve("batch-" + b + ".pdf")));
		}
		for (int i = 0; i < 3; i++) {
			for (int b = 0; b < batches.size(); b++) {
				placed.add(files.get(b).get(i));
				names.add(batches.get(b).get(i));
			}
		}
		// when
		Path stream = streamOfOnePagers(placed, this.folder.resolve("stream.pdf"));
		// then each page reads back as its document, drawn with one font per family
		try (PDDocument pdf = Loader.loadPDF(stream.toFile())) {
			assertThat(pdf.getNumberOfPages()).isEqualTo(names.size());
			for (int i = 0; i < names.size(); i++) {
				String text = PrintedPages.text(pdf, i + 1, i + 1);
				assertThat(text).contains(names.get(i));
				for (String other : names) {
					if (!other.equals(names.get(i))) {
						assertThat(text).doesNotContain(other);
					}
				}
			}
			assertThat(fontsByFamily(pdf)).allSatisfy(fonts -> assertThat(fonts).hasSize(1));
		}
	}

	@Test
	void shouldReadBackEveryDocumentWhenMoreBatchFilesTakeTurnsThanAreKeptOpen() throws IOException {
		// given eighteen batch files of two documents each, placed in turns: each file is
		// closed to make room for others before its second document comes
		List<DocumentArchive.Pages> placed = new ArrayList<>();
		List<String> names = new ArrayList<>();
		List<List<DocumentArchive.Pages>> files = new ArrayList<>();
		for (int b = 0; b < 18; b++) {
			files.add(batch(List.of("Ana Batch%02d First".formatted(b), "Ana Batch%02d Second".formatted(b)),
					this.folder.resolve("turns-" + b + ".pdf")));
		}
		for (int i = 0; i < 2; i++) {
			for (int b = 0; b < files.size(); b++) {
				placed.add(files.get(b).get(i));
				names.add("Ana Batch%02d %s".formatted(b, (i == 0) ? "First" : "Second"));
			}
		}
		// when
		Path stream = streamOfOnePagers(placed, this.folder.resolve("turns.pdf"));
		// then
		try (PDDocument pdf = Loader.loadPDF(stream.toFile())) {
			assertThat(pdf.getNumberOfPages()).isEqualTo(names.size());
			for (int i = 0; i < names.size(); i++) {
				assertThat(PrintedPages.text(pdf, i + 1, i + 1)).contains(names.get(i));
			}
		}
	}

	@Test
	void shouldKeepADocumentsOwnFontWhenTheTemplatesFontFileIsNotTheOneItWasRenderedWith() throws IOException {
		// given the font files of the templates replaced since the documents were
		// rendered
		List<Path> documents = documents();
		Path otherFont = TEMPLATES.resolve("fonts/DejaVuSans.ttf");
		// when
		Path stream = stream(documents, name -> Optional.of(otherFont));
		// then each document keeps its fonts and its text
		try (PDDocument pdf = Loader.loadPDF(stream.toFile())) {
			for (int i = 0; i < NAMES.size(); i++) {
				assertThat(PrintedPages.text(pdf, i + 1, i + 1)).contains(NAMES.get(i));
			}
			assertThat(fontsByFamily(pdf)).anySatisfy(fonts -> assertThat(fonts).hasSizeGreaterThan(1));
		}
	}

	@Test
	void shouldReadAFontsHeadWithoutDecodingTheTablesAfterIt() throws IOException {
		// given the fonts a rendered document embeds, compressed
		try (PDDocument pdf = Loader.loadPDF(documents().get(0).toFile())) {
			List<PDFont> fonts = PrintedPages.fonts(pdf, 1);
			assertThat(fonts).isNotEmpty();
			for (PDFont font : fonts) {
				PDStream program = ((PDType0Font) font).getDescendantFont().getFontDescriptor().getFontFile2();
				byte[] decoded;
				try (InputStream in = program.createInputStream()) {
					decoded = in.readAllBytes();
				}
				ByteArrayInputStream whole = new ByteArrayInputStream(decoded);
				// when
				byte[] fingerprint = FontHeads.fingerprint(program.getCOSObject());
				// then the compressed program gives the fingerprint of its decoded bytes,
				// which are read only as far as the head table
				assertThat(fingerprint).hasSize(22).isEqualTo(FontHeads.fingerprint(whole.readAllBytes()));
				whole.reset();
				assertThat(FontHeads.fingerprint(whole)).isEqualTo(fingerprint);
				assertThat(whole.available()).as(font.getName()).isPositive();
			}
		}
	}

	private List<Path> documents() throws IOException {
		List<Path> documents = new ArrayList<>();
		for (int i = 0; i < NAMES.size(); i++) {
			byte[] pdf = this.renderer.render(xhtml(NAMES.get(i)), TEMPLATES, "test.ftlh", Rendition.PRINT).content();
			Path file = this.folder.resolve("document-" + i + ".pdf");
			Files.write(file, pdf);
			documents.add(file);
		}
		return documents;
	}

	/** A stream of one-page documents, an envelope each. */
	private Path streamOfOnePagers(List<DocumentArchive.Pages> placed, Path stream) throws IOException {
		try (OutputStream out = Files.newOutputStream(stream)) {
			StreamWriter writer = new StreamWriter(out, false, marks(),
					name -> this.renderer.fontFile(TEMPLATES, name));
			for (int i = 0; i < placed.size(); i++) {
				writer.add(placed.get(i), 1, false, "TEST0000-%08d".formatted(i + 1), 1, null);
			}
			writer.finish();
		}
		return stream;
	}

	private List<DocumentArchive.Pages> batch(List<String> names, Path file) throws IOException {
		List<String> xhtml = names.stream().map(StreamWriterTests::xhtml).toList();
		RenderedBatch batch = this.renderer.renderBatch(xhtml, TEMPLATES, "test.ftlh", Rendition.PRINT);
		assertThat(batch.rendered()).hasSize(names.size());
		Files.write(file, batch.rendered().get(0).content());
		List<DocumentArchive.Pages> pages = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			RenderedPdf document = batch.rendered().get(i);
			assertThat(document.content()).as("one file for the batch").isSameAs(batch.rendered().get(0).content());
			pages.add(new DocumentArchive.Pages(file, document.batch().firstPage(), document.pages()));
		}
		return pages;
	}

	private static InserterMarks marks() {
		return new InserterMarks(PrintSettings.Marks.DATAMATRIX, PrintSettings.defaults().clearZone(),
				PrintSettings.defaults().windowCode());
	}

	private static String xhtml(String name) {
		return """
				<html xmlns="http://www.w3.org/1999/xhtml"><head>
				<link rel="stylesheet" type="text/css" href="css/print.css"/>
				<title>Test</title></head>
				<body><p>%s</p><p><b>Balance</b> 1,234.56</p></body></html>
				""".formatted(name);
	}

	private Path stream(List<Path> documents, Function<String, Optional<Path>> fontFiles) throws IOException {
		Path stream = this.folder.resolve("stream.pdf");
		try (OutputStream out = Files.newOutputStream(stream)) {
			StreamWriter writer = new StreamWriter(out, false, marks(), fontFiles);
			for (int i = 0; i < documents.size(); i++) {
				writer.add(new DocumentArchive.Pages(documents.get(i), 0, -1), 1, false,
						"TEST0000-%08d".formatted(i + 1), 1, null);
			}
			writer.finish();
		}
		return stream;
	}

	private static List<Set<COSDictionary>> fontsByFamily(PDDocument pdf) throws IOException {
		Map<String, Set<COSDictionary>> fonts = new TreeMap<>();
		for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
			for (PDFont font : PrintedPages.fonts(pdf, page)) {
				fonts.computeIfAbsent(font.getName().substring(7), name -> new HashSet<>()).add(font.getCOSObject());
			}
		}
		assertThat(fonts).isNotEmpty();
		return List.copyOf(fonts.values());
	}

}
