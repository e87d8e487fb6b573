package io.tidings.campaign;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.CommunicationId;

/**
 * A communication whose document is rendered and archived.
 *
 * @param id the communication
 * @param archivePath where the document is, relative to the archive
 * @param sha256 hash of the document
 * @param pageCount pages of a print document
 * @param archived the archive's write of the document's file: done, or under way on
 * another thread while the chunk goes on, and waited for before the chunk records it
 */
record RenderedCommunication(CommunicationId id, String archivePath, String sha256, @Nullable Integer pageCount,
		CompletableFuture<Void> archived) implements RenderWork {

}
