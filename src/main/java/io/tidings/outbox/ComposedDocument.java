package io.tidings.outbox;

import org.jspecify.annotations.Nullable;

/**
 * The exact bytes of a rendered document, as they will be archived and sent.
 *
 * @param content the bytes
 * @param fileExtension extension without dot ({@code pdf}, {@code eml}, {@code json})
 * @param pageCount number of pages of a print document
 */
public record ComposedDocument(byte[] content, String fileExtension, @Nullable Integer pageCount) {

}
