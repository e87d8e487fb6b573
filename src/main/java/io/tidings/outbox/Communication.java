package io.tidings.outbox;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * One row of the outbox ledger: a communication planned for one customer on one channel,
 * and how far it got.
 *
 * @param id deterministic id, also given to the receiver (Message-ID, callback, manifest)
 * @param run the campaign run that planned it
 * @param customerId the customer
 * @param channel print, email or SMS
 * @param kind what the document is for
 * @param offerCode the product offered, if any
 * @param template the template that renders it
 * @param decisionReason why this customer gets this document on this channel
 * @param state where it stands
 * @param stateReason why it failed or was suppressed
 * @param archivePath archived document, relative to the archive root, once rendered
 * @param contentSha256 SHA-256 of the archived bytes; for a printed document kept in its
 * batch's file, of its pages' contents as drawn
 * @param pageCount pages of a printed document
 * @param deliveryRef what the transport returned (file, SMTP Message-ID, Twilio SID)
 * @param plannedAt when the decide stage planned it
 * @param renderedAt when it was rendered
 * @param sentAt when it was handed to the transport
 * @param reasonCode short code of why it was suppressed or failed (for counts per reason)
 * @param expectedValue expected value of the offer it carries, which orders a run's
 * communications when daily capacity is short
 * @param dropDate the day it drops, once the contact policy scheduled it
 * @param notBefore the earliest moment it may be delivered; {@code null} for at once
 * @param deferralCode short code of why it does not go on the run's first day
 * @param deferralReason why it does not go on the run's first day
 * @param details value tier, variant, model and template version behind the decision
 */
public record Communication(CommunicationId id, RunRef run, String customerId, Channel channel, DocumentKind kind,
		@Nullable String offerCode, String template, String decisionReason, CommunicationState state,
		@Nullable String stateReason, @Nullable String archivePath, @Nullable String contentSha256,
		@Nullable Integer pageCount, @Nullable String deliveryRef, Instant plannedAt, @Nullable Instant renderedAt,
		@Nullable Instant sentAt, @Nullable String reasonCode, @Nullable Double expectedValue,
		@Nullable LocalDate dropDate, @Nullable Instant notBefore, @Nullable String deferralCode,
		@Nullable String deferralReason, DecisionDetails details) {

	/** The customer's value tier when it was planned. */
	public @Nullable String valueTier() {
		return this.details.valueTier();
	}

	/**
	 * Whether it waits for a later moment than the given one.
	 */
	public boolean isDeferredAt(Instant now) {
		return (this.state == CommunicationState.PLANNED || this.state == CommunicationState.RENDERED)
				&& this.notBefore != null && this.notBefore.isAfter(now);
	}

}
