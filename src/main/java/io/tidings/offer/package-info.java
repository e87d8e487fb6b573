/**
 * Offers: the product catalog with eligibility rules, response scores learned from
 * ingested responses, and the arbitration that picks the one offer that fits a customer
 * best, with the reasons for the choice.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "archive", "csv", "customer", "outbox", "segment" })
@org.jspecify.annotations.NullMarked
package io.tidings.offer;
