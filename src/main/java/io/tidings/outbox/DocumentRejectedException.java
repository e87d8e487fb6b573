package io.tidings.outbox;

/**
 * One document cannot be produced correctly: the ledger records it as failed with this
 * message, and the run goes on with the other documents.
 */
public class DocumentRejectedException extends RuntimeException {

	public DocumentRejectedException(String message) {
		super(message);
	}

	public DocumentRejectedException(String message, Throwable cause) {
		super(message, cause);
	}

}
