package io.tidings.offer;

/**
 * A propensity model cannot be trained yet: too few responses of one outcome.
 */
public class NotEnoughResponsesException extends RuntimeException {

	public NotEnoughResponsesException(String message) {
		super(message);
	}

}
