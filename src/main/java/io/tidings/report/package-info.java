/**
 * Campaign reports ({@code tidings report <campaign>}): a read model over the ledger,
 * responses and audiences of a campaign's runs, written as a self-contained HTML page
 * with charts and as CSV.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "campaign", "csv", "offer", "outbox", "response" })
@org.jspecify.annotations.NullMarked
package io.tidings.report;
