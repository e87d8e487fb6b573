package io.tidings.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;

import io.tidings.archive.BatchFiles;
import io.tidings.outbox.ComposedDocument;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.jspecify.annotations.Nullable;

/**
 * The documents of a batch laid out together ({@link DocumentBatch}): printed ones kept
 * together in the batch's file, or each taken out as a PDF/A-2b file of its own: its
 * pages, with its own metadata, the batch's output intent and fonts (already cut down to
 * the glyphs the batch draws), and when the batch is tagged its own part of the structure
 * tree (PDF/UA).
 */
final class BatchPages {

	/** The metadata of a batch's own file. */
	private static final DocumentMetadata BATCH = new DocumentMetadata("Printed documents of a batch", null, null, null,
			"en");

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

	/**
	 * The file of a batch of printed documents, its fonts and output intent once, each
	 * document described in it so that it can be taken out alone ({@link BatchFiles}): a
	 * {@link RenderedPdf} for each document, all of the same file. The file's own
	 * metadata names no document.
	 * @param firstPages the first page (0-based) of each document, in order
	 * @param metadata each document's metadata, in order
	 */
	static List<RenderedPdf> together(PDDocument batch, List<Integer> firstPages, List<DocumentMetadata> metadata)
			throws IOException {
		PDDocumentInformation information = batch.getDocumentInformation();
		Calendar created = information.getCreationDate();
		String producer = information.getProducer();
		int pages = batch.getNumberOfPages();
		List<ComposedDocument.InBatch> documents = new ArrayList<>();
		List<Integer> counts = new ArrayList<>();
		for (int i = 0; i < firstPages.size(); i++) {
			int first = firstPages.get(i);
			int count = ((i + 1 < firstPages.size()) ? firstPages.get(i + 1) : pages) - first;
			DocumentMetadata document = metadata.get(i);
			String sha256 = BatchFiles.addDocument(batch, first, count, document.information(created, producer),
					document.xmp(created, producer, false), document.language());
			documents.add(new ComposedDocument.InBatch(first, sha256));
			counts.add(count);
		}
		BATCH.writeTo(batch, created, producer, false);
		ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024 * firstPages.size());
		// a cross-reference table, not a stream: PDFBox leaves its own cross-reference
		// stream out of the stream's index, which qpdf --check reports
		batch.save(out, CompressParameters.NO_COMPRESSION);
		byte[] file = out.toByteArray();
		List<RenderedPdf> rendered = new ArrayList<>();
		for (int i = 0; i < documents.size(); i++) {
			rendered.add(new RenderedPdf(file, counts.get(i), documents.get(i)));
		}
		return rendered;
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
