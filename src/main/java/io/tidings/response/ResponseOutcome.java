package io.tidings.response;

import java.util.Locale;
import java.util.Optional;

import io.tidings.offer.ResponseSignal;

/**
 * What a customer did after a communication. {@code INTERESTED}: the customer registered
 * interest in the offer in the preference centre.
 */
public enum ResponseOutcome {

	RESPONDED(ResponseSignal.POSITIVE), PURCHASED(ResponseSignal.POSITIVE), DECLINED(ResponseSignal.NEGATIVE),
	COMPLAINED(ResponseSignal.COMPLAINT), INTERESTED(ResponseSignal.POSITIVE);

	private final ResponseSignal signal;

	ResponseOutcome(ResponseSignal signal) {
		this.signal = signal;
	}

	public ResponseSignal signal() {
		return this.signal;
	}

	static Optional<ResponseOutcome> parse(String value) {
		try {
			return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
