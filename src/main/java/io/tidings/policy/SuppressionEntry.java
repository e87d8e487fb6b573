package io.tidings.policy;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.Channel;

/**
 * An entry of the suppression lists: whoever has this email address, phone number, postal
 * address or customer id is not contacted on the channel, for the reason.
 *
 * @param entryId hash of the entry's fields: the same entry added twice is one entry
 * @param matchKind what the entry matches on
 * @param matchValue the normalised value matched
 * @param channel the channel, or {@code null} for every channel
 * @param reason why
 * @param source where it came from
 * @param occurredAt when it was reported
 */
public record SuppressionEntry(String entryId, MatchKind matchKind, String matchValue, @Nullable Channel channel,
		Reason reason, String source, OffsetDateTime occurredAt) {

	static SuppressionEntry of(MatchKind matchKind, String matchValue, @Nullable Channel channel, Reason reason,
			String source, OffsetDateTime occurredAt) {
		return new SuppressionEntry(
				ConsentEvent.hash(matchKind.name(), matchValue, ConsentRegistry.channelName(channel), reason.name(),
						source, occurredAt.toInstant().toString()),
				matchKind, matchValue, channel, reason, source, occurredAt);
	}

	/** What an entry matches on. */
	public enum MatchKind {

		CUSTOMER, EMAIL, PHONE, ADDRESS

	}

	/** Why an entry is on the list. */
	public enum Reason {

		/** Asked not to be contacted (marketing). */
		OPT_OUT,
		/** Reported deceased: no marketing on any channel. */
		DECEASED,
		/** Letters come back: no post to the address on file. */
		GONE_AWAY,
		/**
		 * Nothing sent on the channel arrives: an email address that bounced for good, a
		 * number that cannot take SMS. Applies to every document, legally required ones
		 * too, until the customer's details change.
		 */
		UNDELIVERABLE,
		/**
		 * The recipient reported an email as spam (an ARF feedback report): no marketing
		 * on the channel, as an opt-out.
		 */
		COMPLAINT

	}

}
