package io.tidings.campaign;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.CommunicationId;

/**
 * A communication whose document is rendered and archived.
 *
 * @param id the communication
 * @param archivePath where the document is, relative to the archive
 * @param sha256 hash of the document
 * @param pageCount pages of a print document
 */
record RenderedCommunication(CommunicationId id, String archivePath, String sha256,
		@Nullable Integer pageCount) implements RenderWork {

}
