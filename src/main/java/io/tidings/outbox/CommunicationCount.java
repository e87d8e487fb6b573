package io.tidings.outbox;

import org.jspecify.annotations.Nullable;

/**
 * How many communications of a run share channel, kind, offer, value tier, state and
 * reasons: what run reports and dry runs count by.
 *
 * @param channel the channel
 * @param kind the document kind
 * @param offerCode the offer, if any
 * @param valueTier the customer's value tier, if known
 * @param state the state
 * @param deferred whether it waits for a later moment
 * @param reasonCode why it was suppressed or failed, if it was
 * @param deferralCode why it does not go on the run's first day, if it does not
 * @param count how many
 */
public record CommunicationCount(Channel channel, DocumentKind kind, @Nullable String offerCode,
		@Nullable String valueTier, CommunicationState state, boolean deferred, @Nullable String reasonCode,
		@Nullable String deferralCode, long count) {

}
