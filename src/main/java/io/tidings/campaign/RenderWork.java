package io.tidings.campaign;

import io.tidings.outbox.Communication;
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
	 */
	record Deferred(Communication communication, DocumentModel model) implements RenderWork {

	}

}
