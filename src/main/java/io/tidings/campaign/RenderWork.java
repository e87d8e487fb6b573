package io.tidings.campaign;

import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.Communication;
import io.tidings.outbox.ComposedDocument;
import io.tidings.outbox.DocumentModel;

/**
 * What the render stage's processor hands on for a communication: its document, rendered
 * and archived, or its data, for a composer that renders the documents of a chunk
 * together ({@link RenderedDocumentWriter}).
 */
sealed interface RenderWork permits RenderedCommunication, RenderWork.Deferred {

	/**
	 * A document to be composed with the chunk's others.
	 *
	 * @param communication the communication
	 * @param model its data
	 * @param delivery what is delivered around the document once it is rendered (the
	 * email a statement is attached to), from the document's model and bytes, or null
	 * when the document is delivered itself
	 */
	record Deferred(Communication communication, DocumentModel model,
			@Nullable BiFunction<DocumentModel, byte[], ComposedDocument> delivery) implements RenderWork {

		Deferred(Communication communication, DocumentModel model) {
			this(communication, model, null);
		}

		/** The same document with another model (its statement numbered). */
		Deferred withModel(DocumentModel other) {
			return new Deferred(this.communication, other, this.delivery);
		}

	}

}
