package io.tidings.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.GregorianCalendar;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;
import org.apache.pdfbox.cos.COSDictionary;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a document of a batch says about itself in its {@code head} (title, description,
 * author, keywords) and its language, written into the PDF that is taken out of the
 * batch: the document information and the PDF/A XMP packet, which must agree, and for a
 * tagged PDF the language and the title shown in a viewer's window. The XMP is written
 * from a template, every value escaped: openhtmltopdf builds it with xmpbox, which sets
 * up its type tables by reflection for each of the ten objects it makes.
 */
record DocumentMetadata(@Nullable String title, @Nullable String subject, @Nullable String author,
		@Nullable String keywords, String language) {

	private static final String XHTML = "http://www.w3.org/1999/xhtml";

	/** The language of a document that names none, as openhtmltopdf has it. */
	private static final String NO_LANGUAGE = "EN-US";

	/**
	 * The metadata of a document, as openhtmltopdf reads it: a {@code meta} element's
	 * content by its name, the {@code title} element when no {@code meta} is named title.
	 */
	static DocumentMetadata of(Document document) {
		Element html = document.getDocumentElement();
		String title = null;
		String subject = null;
		String author = null;
		String keywords = null;
		String titleElement = null;
		Element head = child(html, "head");
		for (Node node = (head != null) ? head.getFirstChild() : null; node != null; node = node.getNextSibling()) {
			if (!(node instanceof Element element) || !XHTML.equals(element.getNamespaceURI())) {
				continue;
			}
			if ("title".equals(element.getLocalName())) {
				titleElement = (titleElement != null) ? titleElement : element.getTextContent().strip();
			}
			else if ("meta".equals(element.getLocalName()) && element.hasAttribute("content")) {
				String content = element.getAttribute("content");
				switch (element.getAttribute("name")) {
					case "title" -> title = content;
					case "subject" -> subject = content;
					case "author" -> author = content;
					case "keywords" -> keywords = content;
					default -> {
					}
				}
			}
		}
		String language = html.getAttribute("lang");
		return new DocumentMetadata((title != null) ? title : titleElement, subject, author, keywords,
				language.isEmpty() ? NO_LANGUAGE : language);
	}

	/**
	 * Writes the document information, the XMP packet (PDF/A-2b, and PDF/UA-1 when
	 * tagged) and the document's language into a PDF.
	 * @param created when the document was made
	 * @param producer the application that made it
	 * @param tagged whether the PDF is tagged for accessibility
	 */
	void writeTo(PDDocument document, Calendar created, String producer, boolean tagged) throws IOException {
		document.setDocumentInformation(information(created, producer));
		PDDocumentCatalog catalog = document.getDocumentCatalog();
		PDMetadata metadata = new PDMetadata(document);
		metadata.importXMPMetadata(xmp(created, producer, tagged));
		catalog.setMetadata(metadata);
		catalog.setLanguage(this.language);
		if (tagged) {
			PDViewerPreferences preferences = new PDViewerPreferences(new COSDictionary());
			preferences.setDisplayDocTitle(true);
			catalog.setViewerPreferences(preferences);
		}
	}

	/**
	 * The document information, which must agree with the XMP packet.
	 */
	PDDocumentInformation information(Calendar created, String producer) {
		PDDocumentInformation information = new PDDocumentInformation();
		information.setTitle(this.title);
		information.setSubject(this.subject);
		information.setAuthor(this.author);
		information.setKeywords(this.keywords);
		information.setProducer(producer);
		information.setCreationDate(toTheSecond(created));
		return information;
	}

	/**
	 * The XMP packet: PDF/A-2b, and PDF/UA-1 when tagged.
	 */
	byte[] xmp(Calendar created, String producer, boolean tagged) {
		return xmp(toTheSecond(created).toInstant(), producer, tagged).getBytes(StandardCharsets.UTF_8);
	}

	/** The packet's date and the dictionary's must be the same: both to the second. */
	private static GregorianCalendar toTheSecond(Calendar created) {
		Instant instant = created.toInstant().truncatedTo(ChronoUnit.SECONDS);
		return GregorianCalendar.from(instant.atZone(ZoneOffset.UTC));
	}

	private String xmp(Instant created, String producer, boolean tagged) {
		StringBuilder xmp = new StringBuilder(2048);
		xmp.append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
			.append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
			.append("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
			.append("<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"")
			.append(" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"")
			.append(" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
			.append("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n");
		element(xmp, "pdf:Producer", producer);
		element(xmp, "pdf:Keywords", this.keywords);
		element(xmp, "xmp:CreateDate", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(created.atOffset(ZoneOffset.UTC)));
		xmp.append("<dc:format>application/pdf</dc:format>\n");
		if (this.author != null) {
			xmp.append("<dc:creator><rdf:Seq><rdf:li>");
			escape(xmp, this.author);
			xmp.append("</rdf:li></rdf:Seq></dc:creator>\n");
		}
		alternative(xmp, "dc:title", this.title);
		alternative(xmp, "dc:description", this.subject);
		xmp.append("</rdf:Description>\n");
		if (tagged) {
			// pdfuaid is not among the schemas PDF/A knows: the packet describes it
			xmp.append("<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"")
				.append(" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"")
				.append(" xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"")
				.append(" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n")
				.append("<pdfuaid:part>1</pdfuaid:part>\n")
				.append("<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n")
				.append("<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n")
				.append("<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n")
				.append("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n")
				.append("<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n")
				.append("<pdfaProperty:name>part</pdfaProperty:name>\n")
				.append("<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n")
				.append("<pdfaProperty:category>internal</pdfaProperty:category>\n")
				.append("<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed")
				.append("</pdfaProperty:description>\n")
				.append("</rdf:li></rdf:Seq></pdfaSchema:property>\n")
				.append("</rdf:li></rdf:Bag></pdfaExtension:schemas>\n")
				.append("</rdf:Description>\n");
		}
		return xmp.append("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>").toString();
	}

	private static void element(StringBuilder xmp, String name, @Nullable String value) {
		if (value != null) {
			xmp.append('<').append(name).append('>');
			escape(xmp, value);
			xmp.append("</").append(name).append(">\n");
		}
	}

	private static void alternative(StringBuilder xmp, String name, @Nullable String value) {
		if (value != null) {
			xmp.append('<').append(name).append("><rdf:Alt><rdf:li xml:lang=\"x-default\">");
			escape(xmp, value);
			xmp.append("</rdf:li></rdf:Alt></").append(name).append(">\n");
		}
	}

	/**
	 * Escapes a value for XML text; characters XML 1.0 cannot hold (most controls, lone
	 * surrogates, U+FFFE and U+FFFF) are left out, and a carriage return is kept as a
	 * reference, which a parser would otherwise read as a line feed.
	 */
	static void escape(StringBuilder xml, String value) {
		value.codePoints().forEach(c -> {
			switch (c) {
				case '&' -> xml.append("&amp;");
				case '<' -> xml.append("&lt;");
				case '>' -> xml.append("&gt;");
				case '"' -> xml.append("&quot;");
				case '\r' -> xml.append("&#xD;");
				default -> {
					boolean allowed = (c >= 0x20 && c < 0xD800) || (c > 0xDFFF && c < 0xFFFE) || c > 0xFFFF;
					if (allowed || c == '\t' || c == '\n') {
						xml.appendCodePoint(c);
					}
				}
			}
		});
	}

	private static @Nullable Element child(Element parent, String localName) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && localName.equals(element.getLocalName())) {
				return element;
			}
		}
		return null;
	}

}
