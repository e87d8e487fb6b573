package io.tidings.outbox;

/**
 * A transport refused one communication for good (for example an invalid number); the
 * ledger records it as failed with the transport's reason.
 */
public class DeliveryFailedException extends RuntimeException {

	public DeliveryFailedException(String message) {
		super(message);
	}

	public DeliveryFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
