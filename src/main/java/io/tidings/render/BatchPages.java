package io.tidings.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;

/**
 * The documents of a batch laid out together ({@link DocumentBatch}), each taken out as a
 * PDF/A-2b file of its own: its pages, with the batch's metadata, output intent and fonts
 * (already cut down to the glyphs the batch draws).
 */
final class BatchPages {

	private BatchPages() {
	}

	/**
	 * A PDF for each document.
	 * @param firstPages the first page (0-based) of each document, in order
	 */
	static List<RenderedPdf> split(PDDocument batch, List<Integer> firstPages) throws IOException {
		List<PDPage> pages = new ArrayList<>();
		batch.getPages().forEach(pages::add);
		List<RenderedPdf> documents = new ArrayList<>();
		for (int i = 0; i < firstPages.size(); i++) {
			int end = (i + 1 < firstPages.size()) ? firstPages.get(i + 1) : pages.size();
			documents.add(standalone(batch, pages.subList(firstPages.get(i), end)));
		}
		return documents;
	}

	private static RenderedPdf standalone(PDDocument batch, List<PDPage> pages) throws IOException {
		try (PDDocument document = new PDDocument()) {
			document.setVersion(batch.getVersion());
			PDDocumentCatalog from = batch.getDocumentCatalog();
			PDDocumentCatalog to = document.getDocumentCatalog();
			to.setMetadata(from.getMetadata());
			for (PDOutputIntent intent : from.getOutputIntents()) {
				to.addOutputIntent(intent);
			}
			document.setDocumentInformation(batch.getDocumentInformation());
			for (PDPage page : pages) {
				// what a page inherits from the batch's page tree goes with it
				page.setMediaBox(page.getMediaBox());
				page.setResources(page.getResources());
				document.addPage(page);
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
