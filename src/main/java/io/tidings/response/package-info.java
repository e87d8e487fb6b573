/**
 * Responses: ingest of response files (responses and purchases), recorded in contact
 * history once per distinct line, feeding the response scores and holdings that the next
 * run's offer choice reads.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "csv", "customer", "offer", "outbox", "policy", "print" })
@org.jspecify.annotations.NullMarked
package io.tidings.response;
