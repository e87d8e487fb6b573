package io.tidings.outbox;

import org.jspecify.annotations.Nullable;

/**
 * The exact bytes of a rendered document, as they will be archived and sent; or, for a
 * printed document laid out with others, the file it shares with them and where its pages
 * are in it.
 *
 * @param content the bytes (of the shared file, for a document in a batch)
 * @param fileExtension extension without dot ({@code pdf}, {@code eml}, {@code json})
 * @param pageCount number of pages of a print document
 * @param batch where the document is in the file it shares, or null for a file of its own
 */
public record ComposedDocument(byte[] content, String fileExtension, @Nullable Integer pageCount,
		@Nullable InBatch batch) {

	public ComposedDocument(byte[] content, String fileExtension, @Nullable Integer pageCount) {
		this(content, fileExtension, pageCount, null);
	}

	/**
	 * Where a document's pages are in the file of its batch.
	 *
	 * @param firstPage its first page (0-based)
	 * @param sha256 SHA-256 of its pages' contents
	 */
	public record InBatch(int firstPage, String sha256) {

	}

}
