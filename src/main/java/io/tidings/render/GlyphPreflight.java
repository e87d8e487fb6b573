package io.tidings.render;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.tidings.outbox.DocumentRejectedException;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * Before anything is drawn, every character of a document's text is checked against the
 * template folder's fonts: a character no font can draw fails the document instead of
 * printing an empty box in a customer's name.
 */
final class GlyphPreflight {

	/** What a decoder puts where input was not valid text: never a character to print. */
	private static final int REPLACEMENT_CHARACTER = 0xFFFD;

	private GlyphPreflight() {
	}

	static void check(Document document, FontCatalog fonts, String templateName) {
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
