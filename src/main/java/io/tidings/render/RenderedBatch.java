package io.tidings.render;

import java.util.Map;

import io.tidings.outbox.DocumentRejectedException;

/**
 * Documents rendered together: each one as a PDF of its own, or the reason it could not
 * be rendered.
 *
 * @param rendered by position in the batch, the documents rendered
 * @param rejected by position in the batch, why a document was left out
 * @param layouts how many layouts it took: one, unless some documents had another
 * stylesheet, spoilt the layout of the others, or were tagged for accessibility (a
 * document with a structure tree is laid out alone)
 */
public record RenderedBatch(Map<Integer, RenderedPdf> rendered, Map<Integer, DocumentRejectedException> rejected,
		int layouts) {

}
