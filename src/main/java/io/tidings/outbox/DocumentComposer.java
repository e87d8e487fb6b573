package io.tidings.outbox;

import java.util.List;

/**
 * Turns a planned communication and its data model into the exact bytes of the document
 * for one channel. Implemented once per channel.
 */
public interface DocumentComposer {

	Channel channel();

	/**
	 * Renders the document.
	 * @throws DocumentRejectedException when this document cannot be produced correctly
	 * (template error, missing variable, a glyph no font has); other documents go on
	 */
	ComposedDocument compose(Communication communication, DocumentModel model);

	/**
	 * What a dry run should warn of about this document's template beyond this one
	 * document, e.g. an SMS that longer names would push past the campaign's segment
	 * limit. Called on the dry run's proofs, after {@link #compose} succeeded.
	 */
	default List<String> proofWarnings(Communication communication, DocumentModel model) {
		return List.of();
	}

	/**
	 * Renders several documents, each one rendered or rejected on its own; a composer
	 * that renders them together for less (print: a batch laid out at once pays for its
	 * stylesheet, fonts and metadata once) overrides this.
	 * @return for each request, in order, its document or why it was rejected
	 */
	default List<Composition> composeTogether(List<Composition.Request> requests) {
		return requests.stream().map(request -> {
			try {
				return Composition.composed(compose(request.communication(), request.model()));
			}
			catch (DocumentRejectedException ex) {
				return Composition.rejected(ex);
			}
		}).toList();
	}

}
