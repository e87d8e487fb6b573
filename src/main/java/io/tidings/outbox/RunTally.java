package io.tidings.outbox;

import org.jspecify.annotations.Nullable;

/**
 * How many communications of a run share a channel, kind, state and reason.
 *
 * @param channel the channel
 * @param kind the document kind
 * @param state the state
 * @param reason the failure or suppression reason, if any
 * @param count how many
 */
public record RunTally(Channel channel, DocumentKind kind, CommunicationState state, @Nullable String reason,
		long count) {

}
