/**
 * The outbox ledger: every planned communication with its deterministic id and state, and
 * the ports each channel implements to compose and deliver documents.
 */
@org.jspecify.annotations.NullMarked
package io.tidings.outbox;
