/**
 * Operations console of {@code tidings serve}: login and roles, server-rendered pages to
 * run campaigns (through the schedule module's launcher and locks), enable their
 * schedules and watch their progress, the campaign report, the call-centre view of what a
 * customer was sent and why, template previews, the pages of the audit log of who did and
 * viewed what, and metrics for Prometheus. It reads the other modules through their
 * public APIs and never changes how a run works.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "archive", "audit", "campaign", "customer",
		"history", "outbox", "policy", "print", "report", "schedule" })
@org.jspecify.annotations.NullMarked
package io.tidings.console;
