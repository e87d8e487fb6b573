package io.tidings.outbox;

/**
 * A way of reaching a customer.
 */
public enum Channel {

	PRINT, EMAIL, SMS;

	/**
	 * The lower-case name used in folders, files and reports.
	 */
	public String folder() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
