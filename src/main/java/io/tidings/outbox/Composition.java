package io.tidings.outbox;

import org.jspecify.annotations.Nullable;

/**
 * What became of one document that was composed with others: the document, or why it was
 * rejected.
 *
 * @param document the document, when it was rendered
 * @param rejection the reason, when it was not
 */
public record Composition(@Nullable ComposedDocument document, @Nullable DocumentRejectedException rejection) {

	public static Composition composed(ComposedDocument document) {
		return new Composition(document, null);
	}

	public static Composition rejected(DocumentRejectedException rejection) {
		return new Composition(null, rejection);
	}

	/**
	 * A document to compose with others.
	 *
	 * @param communication the communication it is for
	 * @param model its data
	 */
	public record Request(Communication communication, DocumentModel model) {

	}

}
