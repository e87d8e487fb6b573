package io.tidings.outbox;

/**
 * The provider refused a communication because its recipient unsubscribed there (for
 * example Twilio's error 21610 after the customer replied STOP): the deliver stage
 * records the opt-out, so that no later run tries again, and suppresses the
 * communication.
 */
public class RecipientOptedOutException extends DeliveryFailedException {

	/** Code of a communication suppressed because its recipient opted out. */
	public static final String OPTED_OUT = "opted-out";

	public RecipientOptedOutException(String message, Throwable cause) {
		super(message, OPTED_OUT, cause);
	}

}
