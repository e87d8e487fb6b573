package io.tidings.csv;

import org.jspecify.annotations.Nullable;

/**
 * A record of an input file that cannot be imported; the step skips it and writes it to
 * the reject file with this field and reason.
 */
public class InvalidRecordException extends RuntimeException {

	private final long line;

	private final @Nullable String field;

	private final String reason;

	public InvalidRecordException(long line, @Nullable String field, String reason) {
		super("line " + line + (field != null ? ", field '" + field + "'" : "") + ": " + reason);
		this.line = line;
		this.field = field;
		this.reason = reason;
	}

	public long line() {
		return this.line;
	}

	public @Nullable String field() {
		return this.field;
	}

	public String reason() {
		return this.reason;
	}

}
