package io.tidings.render;

/**
 * A rendered PDF and its page count.
 *
 * @param content the PDF bytes
 * @param pages number of pages
 */
public record RenderedPdf(byte[] content, int pages) {

}
