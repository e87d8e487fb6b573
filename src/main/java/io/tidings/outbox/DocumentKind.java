package io.tidings.outbox;

/**
 * What a communication is for; legally required documents follow stricter channel rules
 * than marketing ones.
 */
public enum DocumentKind {

	STATEMENT(true), CROSS_SELL(false);

	private final boolean legallyRequired;

	DocumentKind(boolean legallyRequired) {
		this.legallyRequired = legallyRequired;
	}

	public boolean legallyRequired() {
		return this.legallyRequired;
	}

}
