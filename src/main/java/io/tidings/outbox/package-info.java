/**
 * The outbox ledger: every planned communication with its deterministic id and state, and
 * the ports each channel implements to compose and deliver documents.
 * {@link io.tidings.outbox.OutboxLedger} is the one writer of communication state; the
 * steps walk it with {@link io.tidings.outbox.CommunicationReaders}, single
 * communications are looked up in {@link io.tidings.outbox.Communications}, the contact
 * policy counts {@link io.tidings.outbox.ContactHistory} and reports count
 * {@link io.tidings.outbox.RunCounts}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
@org.jspecify.annotations.NullMarked
package io.tidings.outbox;
