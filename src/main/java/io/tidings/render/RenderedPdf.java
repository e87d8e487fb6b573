package io.tidings.render;

import io.tidings.outbox.ComposedDocument;
import org.jspecify.annotations.Nullable;

/**
 * A rendered PDF and its page count.
 *
 * @param content the PDF bytes (of the file of its batch, when it shares one)
 * @param pages number of pages
 * @param batch where its pages are in the file of its batch, or null for a file of its
 * own
 */
public record RenderedPdf(byte[] content, int pages, ComposedDocument.@Nullable InBatch batch) {

	RenderedPdf(byte[] content, int pages) {
		this(content, pages, null);
	}

}
