package io.tidings.outbox;

/**
 * Where a communication stands in the ledger:
 * {@code PLANNED → RENDERED → SENT | PRINTED → DELIVERED | BOUNCED | FAILED → RESPONDED}.
 * {@code SUPPRESSED} records a planned contact that policy or reachability stopped, with
 * the reason, so that no customer of an audience is ever dropped silently;
 * {@code COMPLAINED} an email the recipient reported as spam (an ARF feedback report).
 */
public enum CommunicationState {

	PLANNED, RENDERED, SENT, PRINTED, DELIVERED, BOUNCED, FAILED, RESPONDED, SUPPRESSED, COMPLAINED

}
