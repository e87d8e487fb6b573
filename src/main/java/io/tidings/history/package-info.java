/**
 * One customer's history, built once from the modules that own it: what they were sent
 * and why, its states and documents, their consent, suppressions, statement choices,
 * responses and delivery reports, for the console, {@code tidings history} and the
 * privacy export. It only reads; the front ends and the privacy module use it.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "campaign", "customer", "offer", "outbox", "policy", "response" })
@org.jspecify.annotations.NullMarked
package io.tidings.history;
