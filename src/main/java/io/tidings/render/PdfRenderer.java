package io.tidings.render;

import java.io.ByteArrayOutputStream;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.slf4j.Slf4jLogger;
import com.openhtmltopdf.util.XRLog;
import io.tidings.archive.BatchFiles;
import io.tidings.outbox.DocumentRejectedException;
import org.jspecify.annotations.Nullable;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import org.springframework.stereotype.Component;

/**
 * Turns XHTML with CSS paged media into PDF/A-2b with openhtmltopdf on PDFBox, embedding
 * and subsetting the template folder's fonts. What is delivered electronically is tagged
 * for accessibility (PDF/UA); what is printed has its black and greys in black ink only
 * (see {@link Rendition}). Before anything is drawn, every character of the document's
 * text is checked against those fonts: a character no font can draw fails the document
 * instead of printing an empty box in a customer's name. Templates cannot load anything
 * from outside their folder. Documents can be laid out in batches ({@link #renderBatch}),
 * paying for the stylesheet, fonts and metadata once a batch; a tagged one still gets a
 * structure tree of its own, and untagged printed documents share one file, their batch's
 * ({@link BatchFiles}).
 */
@Component
public class PdfRenderer {

	private static final String XHTML = "http://www.w3.org/1999/xhtml";

	/** The output intent of PDF/A: the sRGB profile that comes with the Java platform. */
	private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

	static {
		XRLog.setLoggerImpl(new Slf4jLogger());
		// Looked up for every document (its XHTML, its PDF/A metadata); without the
		// properties the JDK scans every jar on the class path for a provider each time,
		// which took a third of the time.
		useJdkProvider("javax.xml.transform.TransformerFactory",
				"com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl");
		useJdkProvider("javax.xml.parsers.DocumentBuilderFactory",
				"com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderFactoryImpl");
	}

	private static void useJdkProvider(String factory, String implementation) {
		if (System.getProperty(factory) == null) {
			System.setProperty(factory, implementation);
		}
	}

	private final Map<Path, Deque<FontCatalog>> catalogs = new ConcurrentHashMap<>();

	private final FontMetricsCache fontMetrics = new FontMetricsCache();

	private final RenderSettings settings;

	public PdfRenderer(RenderSettings settings) {
		this.settings = settings;
	}

	/**
	 * Renders one document as PDF/A-2b (and tagged for accessibility when configured).
	 * Safe to call from several threads.
	 * @param xhtml the XHTML produced by a template
	 * @param templatesRoot the template folder (fonts, images and CSS are resolved in it)
	 * @param templateName the template's name, for error messages
	 * @param rendition paper or screen
	 */
	public RenderedPdf render(String xhtml, Path templatesRoot, String templateName, Rendition rendition) {
		Path root = templatesRoot.toAbsolutePath().normalize();
		Document document = parse(xhtml, templateName);
		describe(document);
		FontCatalog fonts = borrow(root);
		try {
			GlyphPreflight.check(document, fonts, templateName);
			return draw(document, root, fonts, templateName, rendition);
		}
		finally {
			giveBack(root, fonts);
		}
	}

	/**
	 * Renders documents of one template as few PDF/A-2b files as their stylesheets allow
	 * (usually one), each document in its own page sequence: the stylesheet, fonts,
	 * metadata and PDF structure are paid for once, not per document. Each document is
	 * then taken out as a PDF of its own, with its own metadata and, when tagged, its own
	 * structure tree. A document that fails its checks is left out with the reason; one
	 * that cannot be laid out fails alone, not its batch. Safe to call from several
	 * threads.
	 * @param xhtml the XHTML of each document, as its template produced it
	 */
	public RenderedBatch renderBatch(List<String> xhtml, Path templatesRoot, String templateName, Rendition rendition) {
		Path root = templatesRoot.toAbsolutePath().normalize();
		FontCatalog fonts = borrow(root);
		try {
			Map<Integer, DocumentRejectedException> rejected = new TreeMap<>();
			List<Document> documents = new ArrayList<>();
			List<Integer> positions = new ArrayList<>();
			for (int i = 0; i < xhtml.size(); i++) {
				try {
					Document document = prepare(xhtml.get(i), templateName, rendition);
					GlyphPreflight.check(document, fonts, templateName);
					documents.add(document);
					positions.add(i);
				}
				catch (DocumentRejectedException ex) {
					rejected.put(i, ex);
				}
			}
			Map<Integer, RenderedPdf> rendered = new TreeMap<>();
			int layouts = 0;
			for (List<Integer> group : DocumentBatch.groups(documents)) {
				List<Integer> inputs = group.stream().map(positions::get).toList();
				layouts += drawBatch(group.stream().map(documents::get).toList(), inputs, xhtml, root, fonts,
						templateName, rendition, rendered, rejected);
			}
			return new RenderedBatch(rendered, rejected, layouts);
		}
		finally {
			giveBack(root, fonts);
		}
	}

	/**
	 * Lays out documents together and takes each one's pages out as a PDF of its own.
	 * @return how many layouts it took
	 */
	private int drawBatch(List<Document> documents, List<Integer> inputs, List<String> xhtml, Path root,
			FontCatalog fonts, String templateName, Rendition rendition, Map<Integer, RenderedPdf> rendered,
			Map<Integer, DocumentRejectedException> rejected) {
		List<RenderedPdf> drawn;
		try {
			List<DocumentMetadata> metadata = documents.stream().map(DocumentMetadata::of).toList();
			drawn = draw(DocumentBatch.merge(documents), root, fonts, templateName, rendition, metadata).documents();
		}
		catch (DocumentRejectedException ex) {
			if (inputs.size() == 1) {
				rejected.put(inputs.get(0), ex);
				return 1;
			}
			// one document spoilt the batch: lay out each half again to find it
			int half = inputs.size() / 2;
			int layouts = 1;
			for (List<Integer> part : List.of(inputs.subList(0, half), inputs.subList(half, inputs.size()))) {
				layouts += drawBatch(part.stream().map(i -> prepare(xhtml.get(i), templateName, rendition)).toList(),
						part, xhtml, root, fonts, templateName, rendition, rendered, rejected);
			}
			return layouts;
		}
		for (int i = 0; i < inputs.size(); i++) {
			rendered.put(inputs.get(i), drawn.get(i));
		}
		return 1;
	}

	/**
	 * The width of a line of text in points, as the first of the font families (regular
	 * style) that has each character draws it.
	 * @return the width, or empty when a character is in none of the families
	 */
	public OptionalDouble textWidth(Path templatesRoot, List<String> families, String text, double sizeInPoints) {
		Path root = templatesRoot.toAbsolutePath().normalize();
		FontCatalog fonts = borrow(root);
		try {
			double width = fonts.width(text, families, sizeInPoints);
			return (width < 0) ? OptionalDouble.empty() : OptionalDouble.of(width);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the fonts of " + root, ex);
		}
		finally {
			giveBack(root, fonts);
		}
	}

	/**
	 * The font file of the template folder whose PostScript name an embedded font carries
	 * (after its subset tag), for writers that embed one font for many documents.
	 */
	public Optional<Path> fontFile(Path templatesRoot, String postScriptName) {
		Path root = templatesRoot.toAbsolutePath().normalize();
		FontCatalog fonts = borrow(root);
		try {
			return fonts.file(postScriptName);
		}
		finally {
			giveBack(root, fonts);
		}
	}

	private RenderedPdf draw(Document document, Path root, FontCatalog fonts, String templateName,
			Rendition rendition) {
		return draw(document, root, fonts, templateName, rendition, null).documents().get(0);
	}

	/**
	 * Draws a document; one that {@link DocumentBatch#merge} made gives a PDF for each of
	 * its page sequences.
	 * @param sequences the metadata of each document merged, or null for a document drawn
	 * alone
	 */
	private Drawn draw(Document document, Path root, FontCatalog fonts, String templateName, Rendition rendition,
			@Nullable List<DocumentMetadata> sequences) {
		// printed pages go through NeutralColours, which reads and writes each of them:
		// they are drawn uncompressed and compressed there once (all that openhtmltopdf
		// 1.1.65's test mode changes: check again on an upgrade)
		boolean blackInk = rendition == Rendition.PRINT;
		try (PDDocument pdf = new PDDocument()) {
			PdfRendererBuilder builder = new PdfRendererBuilder().usePDDocument(pdf)
				.withW3cDocument(document, root.toUri().toString())
				.useExternalResourceAccessControl((uri, type) -> isInside(uri, root),
						ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
				.withProducer("Tidings")
				.usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_2_B)
				.useColorProfile(SRGB)
				.usePdfUaAccessibility(this.settings.tagged(rendition))
				.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, this.fontMetrics)
				.testMode(blackInk);
			List<LazyFont> embedded = new ArrayList<>();
			for (FontCatalog.FontFile font : fonts.fonts()) {
				LazyFont lazy = new LazyFont(pdf, font);
				embedded.add(lazy);
				builder.useFont(lazy, font.family(), font.weight(), font.italic() ? FontStyle.ITALIC : FontStyle.NORMAL,
						true);
			}
			List<Integer> firstPages = new ArrayList<>();
			try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
				renderer.createPDFWithoutClosing();
				if (sequences != null) {
					firstPages
						.addAll(DocumentBatch.firstPages(renderer.findPagePositionsByID(DocumentBatch.SEQUENCE_ID)));
				}
			}
			if (blackInk) {
				NeutralColours.asGrey(pdf);
			}
			if (sequences == null) {
				ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
				pdf.save(out);
				return new Drawn(List.of(new RenderedPdf(out.toByteArray(), pdf.getNumberOfPages())));
			}
			if (rendition == Rendition.PRINT && pdf.getDocumentCatalog().getStructureTreeRoot() == null) {
				return new Drawn(BatchPages.together(pdf, firstPages, sequences));
			}
			for (LazyFont font : embedded) {
				font.subset();
			}
			return new Drawn(BatchPages.split(pdf, firstPages, sequences));
		}
		catch (IOException | RuntimeException ex) {
			throw new DocumentRejectedException(
					"template " + templateName + ": PDF rendering failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * What was drawn: a PDF for each document.
	 */
	private record Drawn(List<RenderedPdf> documents) {
	}

	private FontCatalog borrow(Path root) {
		FontCatalog catalog = this.catalogs.computeIfAbsent(root, key -> new ConcurrentLinkedDeque<>()).pollFirst();
		return (catalog != null) ? catalog : FontCatalog.load(root);
	}

	private void giveBack(Path root, FontCatalog catalog) {
		this.catalogs.get(root).offerFirst(catalog);
	}

	private static boolean isInside(String uri, Path root) {
		try {
			return Path.of(java.net.URI.create(uri)).toAbsolutePath().normalize().startsWith(root);
		}
		catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException ex) {
			return false;
		}
	}

	/**
	 * A document parsed, and described when it is to be tagged.
	 */
	private Document prepare(String xhtml, String templateName, Rendition rendition) {
		Document document = parse(xhtml, templateName);
		if (this.settings.tagged(rendition)) {
			describe(document);
		}
		return document;
	}

	private static Document parse(String xhtml, String templateName) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setXIncludeAware(false);
			factory.setExpandEntityReferences(false);
			var documentBuilder = factory.newDocumentBuilder();
			documentBuilder.setErrorHandler(null);
			return documentBuilder.parse(new InputSource(new StringReader(xhtml)));
		}
		catch (SAXParseException ex) {
			throw new DocumentRejectedException("template " + templateName + " produced invalid XHTML at output line "
					+ ex.getLineNumber() + ", column " + ex.getColumnNumber() + ": " + ex.getMessage());
		}
		catch (SAXException | IOException | ParserConfigurationException ex) {
			throw new DocumentRejectedException(
					"template " + templateName + " produced invalid XHTML: " + ex.getMessage());
		}
	}

	/**
	 * An accessible PDF needs a description besides its title: the title stands in when
	 * the template gives no {@code <meta name="subject">}.
	 */
	private static void describe(Document document) {
		Element html = document.getDocumentElement();
		NodeList heads = html.getElementsByTagNameNS(XHTML, "head");
		if (heads.getLength() == 0) {
			return;
		}
		Element head = (Element) heads.item(0);
		NodeList metas = head.getElementsByTagNameNS(XHTML, "meta");
		for (int i = 0; i < metas.getLength(); i++) {
			if ("subject".equals(((Element) metas.item(i)).getAttribute("name"))) {
				return;
			}
		}
		NodeList titles = head.getElementsByTagNameNS(XHTML, "title");
		String title = (titles.getLength() > 0) ? titles.item(0).getTextContent().strip() : "";
		if (!title.isEmpty()) {
			Element subject = document.createElementNS(XHTML, "meta");
			subject.setAttribute("name", "subject");
			subject.setAttribute("content", title);
			head.appendChild(subject);
		}
	}

	/**
	 * Loads a font into a document when the document first uses it: most documents need
	 * two or three of the folder's fonts, and each one loaded costs a table of all its
	 * glyph widths.
	 */
	private static final class LazyFont extends PDFontSupplier {

		private final PDDocument pdf;

		private final FontCatalog.FontFile file;

		private @Nullable PDFont font;

		LazyFont(PDDocument pdf, FontCatalog.FontFile file) {
			super(null);
			this.pdf = pdf;
			this.file = file;
		}

		@Override
		public PDFont supply() {
			if (this.font == null) {
				try {
					this.font = PDType0Font.load(this.pdf, this.file.font(), true);
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Cannot embed font " + this.file.family(), ex);
				}
			}
			return this.font;
		}

		/**
		 * Cuts the embedded font down to the glyphs drawn, as saving the document would:
		 * for documents that take their pages elsewhere instead.
		 */
		void subset() throws IOException {
			if (this.font != null && this.font.willBeSubset()) {
				this.font.subset();
			}
		}

	}

}
