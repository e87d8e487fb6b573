/**
 * Email: messages composed as MIME (HTML and plain text from templates, a deterministic
 * Message-ID from the communication id), delivered over SMTP with Jakarta Mail when a
 * mail host is configured, else written as {@code .eml} files to an outbox folder.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "archive", "csv", "customer", "outbox", "policy", "render" })
@org.jspecify.annotations.NullMarked
package io.tidings.email;
