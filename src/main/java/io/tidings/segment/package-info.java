/**
 * Segments: expressions over customer facts that select a run's audience, evaluated in a
 * sandbox that cannot reach Java classes, methods or constructors.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "customer" })
@org.jspecify.annotations.NullMarked
package io.tidings.segment;
