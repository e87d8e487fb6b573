/**
 * Print: statements and mailers rendered to PDF, handed to the print shop as files with a
 * manifest and a {@code DONE} marker written last.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "archive", "csv", "customer", "outbox", "render" })
@org.jspecify.annotations.NullMarked
package io.tidings.print;
