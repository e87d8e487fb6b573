/**
 * Contact policy: whether and when a customer may be contacted. Consent per channel with
 * its source and date, global suppression lists and deceased or gone-away flags (the one
 * place the preference centre will take over), channel choice by document kind, value
 * tier, cost, consent and reachability, and scheduling by calendar, send windows,
 * frequency caps and daily capacity. Opt-out files are ingested here.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "csv", "customer", "outbox" })
@org.jspecify.annotations.NullMarked
package io.tidings.policy;
