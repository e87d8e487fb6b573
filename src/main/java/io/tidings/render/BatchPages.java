package io.tidings.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;

/**
 * The pages of one document in a PDF that holds a batch of them ({@link RenderedBatch}):
 * taken out as a PDF/A-2b file of its own, with the batch's metadata, output intent and
 * fonts, and identified by the SHA-256 of what its pages draw.
 */
public final class BatchPages {

	private BatchPages() {
	}

	/**
	 * A standalone PDF of pages {@code firstPage} to {@code firstPage + pages - 1}
	 * (0-based) of a batch file. The same pages give the same bytes every time.
	 */
	public static byte[] extract(Path batch, int firstPage, int pages) throws IOException {
		try (PDDocument source = Loader.loadPDF(batch.toFile()); PDDocument target = new PDDocument()) {
			if (firstPage < 0 || pages < 1 || firstPage + pages > source.getNumberOfPages()) {
				throw new IOException("pages " + (firstPage + 1) + " to " + (firstPage + pages) + " are not in " + batch
						+ " (" + source.getNumberOfPages() + " pages)");
			}
			target.getDocument().setVersion(source.getVersion());
			PDDocumentCatalog from = source.getDocumentCatalog();
			PDDocumentCatalog to = target.getDocumentCatalog();
			to.setMetadata(from.getMetadata());
			for (PDOutputIntent intent : from.getOutputIntents()) {
				to.addOutputIntent(intent);
			}
			target.setDocumentInformation(source.getDocumentInformation());
			for (int i = firstPage; i < firstPage + pages; i++) {
				PDPage page = source.getPage(i);
				// what a page inherits from the batch's page tree goes with it
				page.setMediaBox(page.getMediaBox());
				page.setResources(page.getResources());
				target.addPage(page);
			}
			String sha256 = sha256(target);
			COSString id = new COSString(sha256.substring(0, 32).getBytes(StandardCharsets.US_ASCII));
			COSArray ids = new COSArray(List.of(id, id));
			target.getDocument().getTrailer().setItem(COSName.ID, ids);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			target.save(out);
			return out.toByteArray();
		}
	}

	/**
	 * The SHA-256 of what a PDF's pages draw (their content, decoded, one page after the
	 * other): the same for a document's pages in its batch and in any file they are
	 * copied into.
	 */
	public static String sha256(PDDocument pdf) throws IOException {
		return DocumentBatch.sha256(DocumentBatch.pageContents(pdf));
	}

}
