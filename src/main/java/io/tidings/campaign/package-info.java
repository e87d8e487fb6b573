/**
 * Campaigns: job files, and the campaign run as a Spring Batch job with one step per
 * stage (import, select, decide, render, deliver), restartable after a crash without
 * sending anything twice.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "archive", "customer", "offer", "outbox",
		"policy", "preference", "print", "render", "segment" })
@org.jspecify.annotations.NullMarked
package io.tidings.campaign;
