package io.tidings.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import com.openhtmltopdf.pdfboxout.PagePosition;
import com.openhtmltopdf.render.Box;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Several documents of one template laid out as one XHTML document, so that their
 * stylesheet is parsed, their fonts embedded and their PDF written once. Each document's
 * body goes into its own page sequence: it starts on a new page, and its page numbers
 * ({@code counter(page)}, {@code counter(pages)}) count its own pages only. Documents go
 * together only where their stylesheets and body attributes are the same (documents of
 * one template nearly always are); a document's language moves from its {@code html}
 * element to its sequence, so {@code :lang()} selectors still match.
 */
final class DocumentBatch {

	static final Pattern SEQUENCE_ID = Pattern.compile("tidings-document-\\d+");

	private static final String XHTML = "http://www.w3.org/1999/xhtml";

	private static final String SEQUENCE_STYLE = "-fs-page-sequence: start";

	private DocumentBatch() {
	}

	/**
	 * Groups documents that can be laid out together, keeping their order within a group.
	 * @return the groups, each a list of positions in {@code documents}
	 */
	static List<List<Integer>> groups(List<Document> documents) {
		Map<String, List<Integer>> groups = new LinkedHashMap<>();
		for (int i = 0; i < documents.size(); i++) {
			groups.computeIfAbsent(signature(documents.get(i)), key -> new ArrayList<>()).add(i);
		}
		return List.copyOf(groups.values());
	}

	/**
	 * One document holding the bodies of the given documents, each in a page sequence
	 * that starts with an empty element whose id is
	 * {@code tidings-document-<position in the list>}. The bodies are moved, not copied:
	 * the given documents are left empty.
	 */
	static Document merge(List<Document> documents) {
		Document first = documents.get(0);
		Document merged = newDocument();
		Element html = merged.createElementNS(XHTML, "html");
		copyAttributes(first.getDocumentElement(), html, true);
		merged.appendChild(html);
		Element head = child(first.getDocumentElement(), "head");
		if (head != null) {
			html.appendChild(merged.importNode(head, true));
		}
		Element body = merged.createElementNS(XHTML, "body");
		Element firstBody = child(first.getDocumentElement(), "body");
		if (firstBody != null) {
			copyAttributes(firstBody, body, false);
		}
		html.appendChild(body);
		for (int i = 0; i < documents.size(); i++) {
			Element source = documents.get(i).getDocumentElement();
			Element sequence = merged.createElementNS(XHTML, "div");
			sequence.setAttribute("style", (i == 0) ? SEQUENCE_STYLE : SEQUENCE_STYLE + "; page-break-before: always");
			// an element's position is where its box ends: this empty one ends where the
			// document starts
			Element start = merged.createElementNS(XHTML, "div");
			start.setAttribute("id", "tidings-document-" + i);
			start.setAttribute("style", "height: 1px; margin-bottom: -1px");
			sequence.appendChild(start);
			String language = source.getAttribute("lang");
			if (!language.isEmpty()) {
				sequence.setAttribute("lang", language);
			}
			Element sourceBody = child(source, "body");
			if (sourceBody != null) {
				for (Node node = sourceBody.getFirstChild(); node != null; node = sourceBody.getFirstChild()) {
					sequence.appendChild(merged.adoptNode(node));
				}
			}
			body.appendChild(sequence);
		}
		return merged;
	}

	/**
	 * The first page (0-based) of each page sequence that {@link #merge} made, in the
	 * sequences' order, from where the layout placed their boxes.
	 */
	static List<Integer> firstPages(List<PagePosition<Box>> positions) {
		Map<Integer, Integer> first = new TreeMap<>();
		for (PagePosition<Box> position : positions) {
			int sequence = Integer.parseInt(position.getId().substring(position.getId().lastIndexOf('-') + 1));
			first.merge(sequence, position.getPageNo(), Math::min);
		}
		List<Integer> pages = new ArrayList<>(first.values());
		for (int i = 0; i < pages.size(); i++) {
			if (!first.containsKey(i) || (i > 0 && pages.get(i) <= pages.get(i - 1))) {
				throw new IllegalStateException("document " + i + " of the batch has no pages of its own");
			}
		}
		return pages;
	}

	private static String signature(Document document) {
		StringBuilder signature = new StringBuilder();
		Element head = child(document.getDocumentElement(), "head");
		if (head != null) {
			for (Node node = head.getFirstChild(); node != null; node = node.getNextSibling()) {
				if (node instanceof Element element && !"title".equals(element.getLocalName())
						&& !"meta".equals(element.getLocalName())) {
					signature.append(serialize(element)).append('\n');
				}
			}
		}
		Element body = child(document.getDocumentElement(), "body");
		if (body != null) {
			signature.append(attributes(body));
		}
		return signature.toString();
	}

	private static String serialize(Element element) {
		StringBuilder text = new StringBuilder("<").append(element.getLocalName()).append(attributes(element));
		text.append('>').append(element.getTextContent());
		return text.toString();
	}

	private static String attributes(Element element) {
		StringBuilder text = new StringBuilder();
		NamedNodeMap attributes = element.getAttributes();
		List<String> pairs = new ArrayList<>();
		for (int i = 0; i < attributes.getLength(); i++) {
			Node attribute = attributes.item(i);
			pairs.add(attribute.getNodeName() + "=" + attribute.getNodeValue());
		}
		pairs.sort(null);
		pairs.forEach(pair -> text.append(' ').append(pair));
		return text.toString();
	}

	private static void copyAttributes(Element from, Element to, boolean leaveLanguage) {
		NamedNodeMap attributes = from.getAttributes();
		for (int i = 0; i < attributes.getLength(); i++) {
			Node attribute = attributes.item(i);
			String name = attribute.getNodeName();
			if (name.equals("xmlns") || name.startsWith("xmlns:")
					|| (leaveLanguage && (name.equals("lang") || name.equals("xml:lang")))) {
				continue;
			}
			to.setAttribute(name, attribute.getNodeValue());
		}
	}

	private static @Nullable Element child(Element parent, String localName) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && localName.equals(element.getLocalName())) {
				return element;
			}
		}
		return null;
	}

	private static Document newDocument() {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			return factory.newDocumentBuilder().newDocument();
		}
		catch (ParserConfigurationException ex) {
			throw new IllegalStateException("The platform's XML parser is not configured", ex);
		}
	}

}
