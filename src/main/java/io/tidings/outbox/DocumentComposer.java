package io.tidings.outbox;

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

}
