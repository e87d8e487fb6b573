/**
 * The document archive: the exact bytes of every rendered document, stored under the home
 * folder and addressable by communication id, so that what a customer was sent can always
 * be shown again.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "outbox" })
@org.jspecify.annotations.NullMarked
package io.tidings.archive;
