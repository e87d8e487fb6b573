package io.tidings.outbox;

/**
 * A transport refused one communication for good (for example an invalid number); the
 * ledger records it as failed with the transport's reason and a short code for counts per
 * reason.
 */
public class DeliveryFailedException extends RuntimeException {

	/** Code of a refusal that says no more than that. */
	public static final String DELIVERY_REFUSED = "delivery-refused";

	private final String reasonCode;

	public DeliveryFailedException(String message) {
		this(message, DELIVERY_REFUSED, null);
	}

	public DeliveryFailedException(String message, Throwable cause) {
		this(message, DELIVERY_REFUSED, cause);
	}

	/**
	 * @param reasonCode short code, e.g. {@code invalid-number}
	 */
	public DeliveryFailedException(String message, String reasonCode,
			@org.jspecify.annotations.Nullable Throwable cause) {
		super(message, cause);
		this.reasonCode = reasonCode;
	}

	/** Short code of why, for counts per reason. */
	public String reasonCode() {
		return this.reasonCode;
	}

}
