package io.tidings.cli;

import java.nio.charset.StandardCharsets;

/**
 * What a {@code tidings} command did, in-process or in a JVM of its own: its exit code,
 * what it wrote to standard output (as bytes, for {@code show --raw}) and to standard
 * error.
 */
record CommandResult(int exitCode, byte[] bytes, String err) {

	String out() {
		return new String(this.bytes, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "exit code " + this.exitCode + "\n--- out:\n" + out() + "\n--- err:\n" + this.err;
	}

}
