package io.tidings.outbox;

/**
 * A transport may or may not have taken a communication: it had the whole message when
 * the connection failed or timed out before its answer (an SMTP server silent after the
 * end of the data, an SMS provider that does not answer a request). Handing it over again
 * could give the customer two messages, so it is recorded as sent with reason code
 * {@code in-doubt} and never retried.
 */
public class DeliveryInDoubtException extends RuntimeException {

	public DeliveryInDoubtException(String message, Throwable cause) {
		super(message, cause);
	}

}
