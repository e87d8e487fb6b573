package io.tidings.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

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
import io.tidings.outbox.DocumentRejectedException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import org.springframework.stereotype.Component;

/**
 * Turns XHTML with CSS paged media into PDF with openhtmltopdf on PDFBox, embedding and
 * subsetting the template folder's fonts. Before anything is drawn, every character of
 * the document's text is checked against those fonts: a character no font can draw fails
 * the document instead of printing an empty box in a customer's name. Templates cannot
 * load anything from outside their folder.
 */
@Component
public class PdfRenderer {

	/** What a decoder puts where input was not valid text: never a character to print. */
	private static final int REPLACEMENT_CHARACTER = 0xFFFD;

	static {
		XRLog.setLoggerImpl(new Slf4jLogger());
	}

	private final Map<Path, FontCatalog> catalogs = new ConcurrentHashMap<>();

	/**
	 * Renders one document.
	 * @param xhtml the XHTML produced by a template
	 * @param templatesRoot the template folder (fonts, images and CSS are resolved in it)
	 * @param templateName the template's name, for error messages
	 */
	public RenderedPdf render(String xhtml, Path templatesRoot, String templateName) {
		Path root = templatesRoot.toAbsolutePath().normalize();
		FontCatalog fonts = this.catalogs.computeIfAbsent(root, FontCatalog::load);
		Document document = parse(xhtml, templateName);
		checkGlyphs(document, fonts, templateName);
		ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
		try (PDDocument pdf = new PDDocument()) {
			PdfRendererBuilder builder = new PdfRendererBuilder().usePDDocument(pdf)
				.withW3cDocument(document, root.toUri().toString())
				.useExternalResourceAccessControl((uri, type) -> isInside(uri, root),
						ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
				.withProducer("Tidings");
			for (FontCatalog.FontFile font : fonts.fonts()) {
				builder.useFont(new PDFontSupplier(PDType0Font.load(pdf, font.font(), true)), font.family(),
						font.weight(), font.italic() ? FontStyle.ITALIC : FontStyle.NORMAL, true);
			}
			try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
				renderer.createPDFWithoutClosing();
			}
			int pages = pdf.getNumberOfPages();
			pdf.save(out);
			return new RenderedPdf(out.toByteArray(), pages);
		}
		catch (IOException | RuntimeException ex) {
			throw new DocumentRejectedException(
					"template " + templateName + ": PDF rendering failed: " + ex.getMessage(), ex);
		}
	}

	private static boolean isInside(String uri, Path root) {
		try {
			return Path.of(java.net.URI.create(uri)).toAbsolutePath().normalize().startsWith(root);
		}
		catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException ex) {
			return false;
		}
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

	private static void checkGlyphs(Document document, FontCatalog fonts, String templateName) {
		TreeSet<Integer> missing = new TreeSet<>();
		List<Node> pending = new ArrayList<>();
		pending.add(document.getDocumentElement());
		while (!pending.isEmpty()) {
			Node node = pending.remove(pending.size() - 1);
			if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
				String parent = node.getParentNode().getLocalName();
				if (!"style".equals(parent) && !"script".equals(parent) && !"title".equals(parent)) {
					node.getNodeValue()
						.codePoints()
						.filter(cp -> cp == REPLACEMENT_CHARACTER || (!isInvisible(cp) && !fonts.canDraw(cp)))
						.forEach(missing::add);
				}
			}
			for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
				pending.add(child);
			}
		}
		if (!missing.isEmpty()) {
			StringBuilder message = new StringBuilder("template " + templateName + ": no font can draw ");
			missing.stream()
				.limit(10)
				.forEach(cp -> message.append('\'')
					.append(Character.toChars(cp))
					.append("' (U+")
					.append(String.format("%04X", cp))
					.append(") "));
			message.append("- add a font that has these characters to the fonts folder");
			throw new DocumentRejectedException(message.toString().trim());
		}
	}

	private static boolean isInvisible(int codePoint) {
		return Character.isWhitespace(codePoint) || Character.isISOControl(codePoint) || codePoint == 0x00A0
				|| codePoint == 0x00AD || codePoint == 0x200B || codePoint == 0x200C || codePoint == 0x200D
				|| codePoint == 0xFEFF;
	}

}
