package io.tidings.outbox;

import org.jspecify.annotations.Nullable;

/**
 * A communication the decide stage wants in the ledger, either to send
 * ({@link CommunicationState#PLANNED}) or recorded as not sent with its reason
 * ({@link CommunicationState#SUPPRESSED}).
 *
 * @param run the campaign run
 * @param customerId the customer
 * @param channel the chosen channel
 * @param kind the document kind
 * @param offerCode the offered product, if any
 * @param template the template to render
 * @param decisionReason why this document, on this channel
 * @param state {@code PLANNED} or {@code SUPPRESSED}
 * @param stateReason why it is suppressed
 * @param reasonCode short code of why it is suppressed, for counts per reason
 * @param expectedValue expected value of the offer it carries (orders the audience when
 * daily capacity is short)
 * @param details value tier, variant, model and template version behind the decision
 */
public record CommunicationPlan(RunRef run, String customerId, Channel channel, DocumentKind kind,
		@Nullable String offerCode, String template, String decisionReason, CommunicationState state,
		@Nullable String stateReason, @Nullable String reasonCode, @Nullable Double expectedValue,
		DecisionDetails details) {

	public static CommunicationPlan planned(RunRef run, String customerId, Channel channel, DocumentKind kind,
			@Nullable String offerCode, String template, String decisionReason) {
		return new CommunicationPlan(run, customerId, channel, kind, offerCode, template, decisionReason,
				CommunicationState.PLANNED, null, null, null, DecisionDetails.NONE);
	}

	public static CommunicationPlan suppressed(RunRef run, String customerId, Channel channel, DocumentKind kind,
			@Nullable String offerCode, String template, String reasonCode, String reason) {
		return new CommunicationPlan(run, customerId, channel, kind, offerCode, template, reason,
				CommunicationState.SUPPRESSED, reason, reasonCode, null, DecisionDetails.NONE);
	}

	/**
	 * The same plan for a customer of the given value tier, carrying an offer of the
	 * given expected value.
	 */
	public CommunicationPlan forTier(String tier, double expectedValue) {
		return new CommunicationPlan(this.run, this.customerId, this.channel, this.kind, this.offerCode, this.template,
				this.decisionReason, this.state, this.stateReason, this.reasonCode, expectedValue, new DecisionDetails(
						tier, this.details.variant(), this.details.modelVersion(), this.details.templateVersion()));
	}

	/**
	 * The same plan with what the decision rested on.
	 */
	public CommunicationPlan withDetails(DecisionDetails decisionDetails) {
		return new CommunicationPlan(this.run, this.customerId, this.channel, this.kind, this.offerCode, this.template,
				this.decisionReason, this.state, this.stateReason, this.reasonCode, this.expectedValue,
				decisionDetails);
	}

	/** The customer's value tier, when the decision recorded one. */
	public @Nullable String valueTier() {
		return this.details.valueTier();
	}

	public CommunicationId id() {
		return CommunicationId.of(this.run.campaign(), this.run.runKey(), this.customerId, this.channel, this.kind);
	}

}
