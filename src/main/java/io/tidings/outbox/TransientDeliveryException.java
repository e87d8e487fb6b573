package io.tidings.outbox;

/**
 * A transport failed in a way that may pass (connection refused, throttling); the step
 * retries, and if it keeps failing the run stops and can be restarted.
 */
public class TransientDeliveryException extends RuntimeException {

	public TransientDeliveryException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * For a transport whose own exceptions quote the recipient: the run's failure is
	 * logged and reported with its causes, and must not carry personal data.
	 */
	public TransientDeliveryException(String message) {
		super(message);
	}

}
