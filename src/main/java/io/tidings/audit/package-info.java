/**
 * The audit log: who ran, approved, restarted, enabled or disabled which job, who viewed
 * which customer or document, who searched for what, who logged in or failed to. Entries
 * are only ever appended, each carrying the SHA-256 of the one before and of its own
 * content, so that a changed, removed or inserted entry breaks the chain where it was
 * made; the chain is checked, and the log exported for a SIEM, from the command line.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
@org.jspecify.annotations.NullMarked
package io.tidings.audit;
