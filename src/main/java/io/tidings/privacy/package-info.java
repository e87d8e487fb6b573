/**
 * Data retention and requests about one customer's data: purging archived documents and
 * contact history past their retention period, exporting everything held on a customer,
 * erasing a customer's personal data while keeping what the law or a legal hold requires;
 * each recorded in {@code privacy_action}. It asks the modules that hold the data (the
 * customer, the ledger, responses, scores, and through the customer history consent and
 * audiences) and knows none of their tables.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "archive", "customer", "history", "offer", "outbox", "response" })
@org.jspecify.annotations.NullMarked
package io.tidings.privacy;
