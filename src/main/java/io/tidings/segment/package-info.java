/**
 * Segments: expressions over customer facts that select a run's audience, evaluated in a
 * sandbox that cannot reach Java classes, methods or constructors.
 */
@org.jspecify.annotations.NullMarked
package io.tidings.segment;
