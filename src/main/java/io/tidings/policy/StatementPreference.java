package io.tidings.policy;

import java.time.OffsetDateTime;

/**
 * A customer chose how their statements reach them: electronically (paperless) or on
 * paper.
 *
 * @param eventId hash of the event's fields: the same choice recorded twice is one event
 * @param customerId the customer
 * @param paperless whether statements go electronically
 * @param source where it came from ({@code customer-file}, {@code preference-centre})
 * @param occurredAt when the customer chose
 */
public record StatementPreference(String eventId, String customerId, boolean paperless, String source,
		OffsetDateTime occurredAt) {

	static StatementPreference of(String customerId, boolean paperless, String source, OffsetDateTime occurredAt) {
		return new StatementPreference(ConsentEvent.hash(customerId, "statements", String.valueOf(paperless), source,
				occurredAt.toInstant().toString()), customerId, paperless, source, occurredAt);
	}

	/** Whether its real date is unknown (first seen in the customer file). */
	public boolean undated() {
		return this.occurredAt.toInstant().equals(ConsentRegistry.UNKNOWN_DATE);
	}

}
