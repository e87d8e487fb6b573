package io.tidings;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Input a user gave cannot be used (a job file, a customer file, a mapping): the message
 * names the file, the line and the field where known, and the reason. The command line
 * turns it into exit code 2.
 */
public class InvalidInputException extends RuntimeException {

	public InvalidInputException(Path file, long line, @Nullable String field, String reason) {
		super(file + ((line > 0) ? ":" + line : "") + (field != null ? ": field '" + field + "'" : "") + ": " + reason);
	}

	public InvalidInputException(Path file, String reason) {
		super(file + ": " + reason);
	}

	public InvalidInputException(String message) {
		super(message);
	}

}
