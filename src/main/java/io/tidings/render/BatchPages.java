package io.tidings.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.jspecify.annotations.Nullable;

/**
 * The documents of a batch laid out together ({@link DocumentBatch}), each taken out as a
 * PDF/A-2b file of its own: its pages, with its own metadata, the batch's output intent
 * and fonts (already cut down to the glyphs the batch draws), and when the batch is
 * tagged its own part of the structure tree (PDF/UA).
 */
final class BatchPages {

	private BatchPages() {
	}

	/**
	 * A PDF for each document.
	 * @param firstPages the first page (0-based) of each document, in order
	 * @param metadata each document's metadata, in order
	 */
	static List<RenderedPdf> split(PDDocument batch, List<Integer> firstPages, List<DocumentMetadata> metadata)
			throws IOException {
		List<PDPage> pages = new ArrayList<>();
		batch.getPages().forEach(pages::add);
		PDStructureTreeRoot tree = batch.getDocumentCatalog().getStructureTreeRoot();
		DocumentStructure structure = (tree != null) ? new DocumentStructure(tree, pages, firstPages) : null;
		List<RenderedPdf> documents = new ArrayList<>();
		for (int i = 0; i < firstPages.size(); i++) {
			int end = (i + 1 < firstPages.size()) ? firstPages.get(i + 1) : pages.size();
			documents.add(standalone(batch, pages.subList(firstPages.get(i), end), metadata.get(i), structure, i));
		}
		return documents;
	}

	private static RenderedPdf standalone(PDDocument batch, List<PDPage> pages, DocumentMetadata metadata,
			@Nullable DocumentStructure structure, int position) throws IOException {
		try (PDDocument document = new PDDocument()) {
			document.setVersion(batch.getVersion());
			PDDocumentCatalog from = batch.getDocumentCatalog();
			PDDocumentCatalog to = document.getDocumentCatalog();
			for (PDOutputIntent intent : from.getOutputIntents()) {
				to.addOutputIntent(intent);
			}
			PDDocumentInformation information = batch.getDocumentInformation();
			metadata.writeTo(document, information.getCreationDate(), information.getProducer(), structure != null);
			for (PDPage page : pages) {
				// what a page inherits from the batch's page tree goes with it
				page.setMediaBox(page.getMediaBox());
				page.setResources(page.getResources());
				document.addPage(page);
			}
			if (structure != null) {
				structure.writeTo(to, position, pages, metadata.language());
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
			// without object streams: writing those changes how PDFBox sees the objects
			// the documents of a batch share (a stream written once became a bare
			// dictionary in the next document)
			document.save(out, CompressParameters.NO_COMPRESSION);
			return new RenderedPdf(out.toByteArray(), pages.size());
		}
	}

}
