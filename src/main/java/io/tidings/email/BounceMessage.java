package io.tidings.email;

import io.tidings.csv.SourceRecord;

/**
 * One message of a bounce file ({@code .eml} or mbox) as read, before it is parsed.
 *
 * @param line line of the file where the message starts
 * @param raw the message's bytes
 */
record BounceMessage(long line, byte[] raw) implements SourceRecord {

	/**
	 * What the reject file shows of a message that is not a usable notification: where it
	 * starts and its size (the message itself stays in the input file).
	 */
	@Override
	public String record() {
		return "message at line " + this.line + " (" + this.raw.length + " bytes)";
	}

}
