package io.tidings.render;

import java.util.List;
import java.util.Map;

import io.tidings.outbox.DocumentRejectedException;

/**
 * Documents rendered together: one PDF (a part) for each set of documents that could be
 * laid out together, and the reason for each document that could not be rendered.
 *
 * @param parts the PDFs, each with the documents it holds
 * @param rejected by position in the batch, why a document was left out
 */
public record RenderedBatch(List<Part> parts, Map<Integer, DocumentRejectedException> rejected) {

	/**
	 * One PDF of the batch.
	 *
	 * @param content the PDF/A-2b bytes
	 * @param pages its number of pages
	 * @param documents the documents it holds, in page order
	 */
	public record Part(byte[] content, int pages, List<Placed> documents) {

	}

	/**
	 * Where a document is in its part.
	 *
	 * @param position the document's position in the batch
	 * @param firstPage its first page in the part, 0-based
	 * @param pages its number of pages
	 * @param pagesSha256 the SHA-256 of its pages' drawings, decoded (see
	 * {@link BatchPages#sha256})
	 */
	public record Placed(int position, int firstPage, int pages, String pagesSha256) {

	}

}
