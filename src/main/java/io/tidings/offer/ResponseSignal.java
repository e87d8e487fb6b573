package io.tidings.offer;

/**
 * What a response says about a customer's interest in a product.
 */
public enum ResponseSignal {

	/** Responded or bought. */
	POSITIVE,
	/** Declined. */
	NEGATIVE,
	/** Complained: the product is not offered to the customer again. */
	COMPLAINT

}
