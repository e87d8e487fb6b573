package io.tidings.outbox;

/**
 * Where a communication stands in the ledger:
 * {@code PLANNED → RENDERED → SENT | PRINTED → DELIVERED | BOUNCED | FAILED → RESPONDED}.
 * {@code SUPPRESSED} records a planned contact that policy or reachability stopped, with
 * the reason, so that no customer of an audience is ever dropped silently.
 */
public enum CommunicationState {

	PLANNED, RENDERED, SENT, PRINTED, DELIVERED, BOUNCED, FAILED, RESPONDED, SUPPRESSED

}
