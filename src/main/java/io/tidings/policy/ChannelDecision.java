package io.tidings.policy;

import io.tidings.outbox.Channel;

/**
 * The channel a document goes by, or why none can be used.
 */
public sealed interface ChannelDecision permits ChannelDecision.Use, ChannelDecision.Unreachable {

	/** Code of a customer no channel reaches. */
	String UNREACHABLE = "unreachable";

	/** The channel used or the one that would have been used, for the ledger. */
	Channel channel();

	String reason();

	/**
	 * Send on this channel.
	 *
	 * @param channel the channel
	 * @param reason why this channel
	 */
	record Use(Channel channel, String reason) implements ChannelDecision {
	}

	/**
	 * No channel may be used.
	 *
	 * @param channel the last channel tried
	 * @param code why, in short, for counts per reason: {@value #UNREACHABLE}, or the
	 * customer's refusal ({@code opted-out}, {@code suppression-list}, {@code deceased},
	 * {@code gone-away})
	 * @param reason why every channel was ruled out
	 */
	record Unreachable(Channel channel, String code, String reason) implements ChannelDecision {
	}

}
