package io.tidings.archive;

import java.util.concurrent.CompletableFuture;

/**
 * A document being archived: where it is, what its bytes hash to, and the write of its
 * file.
 *
 * @param relativePath path relative to the archive root
 * @param sha256 lower-case hex SHA-256 of the bytes
 * @param written done when the file is in place and forced to disk (a document is
 * recorded only then), or failed (an {@link java.io.UncheckedIOException} when the file
 * could not be written)
 */
public record ArchivedDocument(String relativePath, String sha256, CompletableFuture<Void> written) {

}
