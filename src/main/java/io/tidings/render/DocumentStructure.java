package io.tidings.render;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.StandardStructureTypes;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;

/**
 * The structure tree (PDF/UA tagging) of documents laid out together, split so that each
 * document taken out of the batch has a tree of its own: a {@code Document} element in
 * the document's language holding the elements whose content lies on its pages, and a
 * parent tree of its pages' entries. Elements that hold several documents (the batch's
 * {@code body}, its root) are left out; one that has content of its own on several
 * documents' pages cannot be split, and fails the batch.
 */
final class DocumentStructure {

	private final PDStructureTreeRoot root;

	/** Each document's outermost elements, in reading order. */
	private final List<List<COSDictionary>> elements = new ArrayList<>();

	/** The batch's parent tree by key. */
	private final Map<Integer, COSBase> parents = new TreeMap<>();

	private final Map<COSDictionary, Integer> documentOfPage = new IdentityHashMap<>();

	private final Map<COSDictionary, int[]> spans = new IdentityHashMap<>();

	/**
	 * The elements of the batch's own {@code html} and {@code body}: they hold every
	 * document, so a document never takes them, even when it is the batch's only one.
	 */
	private final Set<COSDictionary> batchWrappers = Collections.newSetFromMap(new IdentityHashMap<>());

	/**
	 * @param pages the batch's pages
	 * @param firstPages the first page (0-based) of each document, in order
	 */
	DocumentStructure(PDStructureTreeRoot root, List<PDPage> pages, List<Integer> firstPages) {
		this.root = root;
		for (int document = 0; document < firstPages.size(); document++) {
			int end = (document + 1 < firstPages.size()) ? firstPages.get(document + 1) : pages.size();
			for (PDPage page : pages.subList(firstPages.get(document), end)) {
				this.documentOfPage.put(page.getCOSObject(), document);
			}
			this.elements.add(new ArrayList<>());
		}
		COSDictionary parentTree = root.getCOSObject().getCOSDictionary(COSName.PARENT_TREE);
		COSArray numbers = (parentTree != null) ? parentTree.getCOSArray(COSName.NUMS) : null;
		if (numbers == null || parentTree.containsKey(COSName.KIDS)) {
			throw new IllegalStateException("The batch's parent tree is not a flat number tree");
		}
		for (int i = 0; i + 1 < numbers.size(); i += 2) {
			this.parents.put(((COSInteger) numbers.getObject(i)).intValue(), numbers.get(i + 1));
		}
		for (COSDictionary html : kids(root.getCOSObject())) {
			this.batchWrappers.add(html);
			this.batchWrappers.addAll(kids(html));
		}
		for (COSDictionary element : kids(root.getCOSObject())) {
			assign(element);
		}
	}

	/**
	 * Gives a document taken out of the batch its structure tree.
	 * @param document the document's position in the batch
	 * @param pages its pages, already in {@code catalog}'s document
	 */
	void writeTo(PDDocumentCatalog catalog, int document, List<PDPage> pages, String language) throws IOException {
		PDStructureTreeRoot tree = new PDStructureTreeRoot();
		tree.getCOSObject().setItem(COSName.ROLE_MAP, this.root.getCOSObject().getDictionaryObject(COSName.ROLE_MAP));
		PDStructureElement top = new PDStructureElement(StandardStructureTypes.DOCUMENT, null);
		top.setLanguage(language);
		tree.appendKid(top);
		for (COSDictionary element : this.elements.get(document)) {
			top.appendKid(new PDStructureElement(element));
		}
		Map<Integer, COSBase> parents = new TreeMap<>();
		for (PDPage page : pages) {
			own(parents, page.getCOSObject().getInt(COSName.STRUCT_PARENTS));
			for (PDAnnotation annotation : page.getAnnotations()) {
				own(parents, annotation.getStructParent());
			}
		}
		COSArray numbers = new COSArray();
		parents.forEach((key, value) -> {
			numbers.add(COSInteger.get(key));
			numbers.add(value);
		});
		COSDictionary parentTree = new COSDictionary();
		parentTree.setItem(COSName.NUMS, numbers);
		tree.getCOSObject().setItem(COSName.PARENT_TREE, parentTree);
		tree.setParentTreeNextKey(this.root.getParentTreeNextKey());
		catalog.setStructureTreeRoot(tree);
		PDMarkInfo marked = new PDMarkInfo();
		marked.setMarked(true);
		catalog.setMarkInfo(marked);
	}

	private void own(Map<Integer, COSBase> parents, int key) {
		if (key >= 0 && this.parents.containsKey(key)) {
			parents.put(key, this.parents.get(key));
		}
	}

	/**
	 * Gives an element to the one document it lies in, or its children to theirs.
	 */
	private void assign(COSDictionary element) {
		int[] span = span(element);
		if (span[0] < 0) {
			// no content on any page: nothing for a reader to find
			return;
		}
		boolean content = hasContent(element.getDictionaryObject(COSName.K));
		boolean wrapper = this.batchWrappers.contains(element) && !content;
		if (span[0] == span[1] && !wrapper) {
			this.elements.get(span[0]).add(element);
			return;
		}
		if (content) {
			throw new IllegalStateException("A structure element has content on the pages of several documents");
		}
		for (COSDictionary kid : kids(element)) {
			assign(kid);
		}
	}

	/**
	 * The first and last document an element's pages belong to; -1 for an element on no
	 * page.
	 */
	private int[] span(COSDictionary element) {
		int[] known = this.spans.get(element);
		if (known != null) {
			return known;
		}
		int[] span = { -1, -1 };
		include(span, element.getDictionaryObject(COSName.PG));
		COSBase kids = element.getDictionaryObject(COSName.K);
		List<COSBase> items = new ArrayList<>();
		if (kids instanceof COSArray array) {
			for (int i = 0; i < array.size(); i++) {
				items.add(array.getObject(i));
			}
		}
		else if (kids != null) {
			items.add(kids);
		}
		for (COSBase item : items) {
			if (item instanceof COSDictionary kid) {
				if (isStructureElement(kid)) {
					int[] inner = span(kid);
					include(span, inner[0]);
					include(span, inner[1]);
				}
				else {
					include(span, kid.getDictionaryObject(COSName.PG));
				}
			}
		}
		this.spans.put(element, span);
		return span;
	}

	private void include(int[] span, COSBase page) {
		Integer document = (page instanceof COSDictionary dictionary) ? this.documentOfPage.get(dictionary) : null;
		include(span, (document != null) ? document : -1);
	}

	private static void include(int[] span, int document) {
		if (document >= 0) {
			span[0] = (span[0] < 0) ? document : Math.min(span[0], document);
			span[1] = Math.max(span[1], document);
		}
	}

	/** Whether an element's kids hold marked content or an annotation of its own. */
	private static boolean hasContent(COSBase kids) {
		if (kids instanceof COSArray array) {
			for (int i = 0; i < array.size(); i++) {
				if (hasContent(array.getObject(i))) {
					return true;
				}
			}
			return false;
		}
		return kids instanceof COSInteger || (kids instanceof COSDictionary kid && !isStructureElement(kid));
	}

	private static List<COSDictionary> kids(COSDictionary node) {
		List<COSDictionary> kids = new ArrayList<>();
		COSBase k = node.getDictionaryObject(COSName.K);
		if (k instanceof COSArray array) {
			for (int i = 0; i < array.size(); i++) {
				if (array.getObject(i) instanceof COSDictionary kid && isStructureElement(kid)) {
					kids.add(kid);
				}
			}
		}
		else if (k instanceof COSDictionary kid && isStructureElement(kid)) {
			kids.add(kid);
		}
		return kids;
	}

	/** Marked-content and object references have a type of their own; elements do not. */
	private static boolean isStructureElement(COSDictionary dictionary) {
		COSBase type = dictionary.getDictionaryObject(COSName.TYPE);
		return type == null || COSName.getPDFName("StructElem").equals(type);
	}

}
