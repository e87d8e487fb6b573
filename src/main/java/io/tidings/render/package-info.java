/**
 * Rendering: FreeMarker templates (restricted so that they never reach Java classes) to
 * XHTML and text, and XHTML with CSS paged media to PDF with embedded, subset fonts. A
 * document that would print a wrong character fails with a clear reason.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "archive", "outbox" })
@org.jspecify.annotations.NullMarked
package io.tidings.render;
