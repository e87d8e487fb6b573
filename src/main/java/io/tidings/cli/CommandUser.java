package io.tidings.cli;

import org.springframework.context.ApplicationContext;

/**
 * Who uses the command line, as runs and the audit log record it: the setting
 * {@code tidings.cli.user} when set, else the operating system's user.
 */
final class CommandUser {

	/** The setting that names who uses the command line. */
	static final String SETTING = "tidings.cli.user";

	private CommandUser() {
	}

	static String of(ApplicationContext context) {
		String user = context.getEnvironment().getProperty(SETTING);
		return (user != null && !user.isBlank()) ? user.strip() : System.getProperty("user.name", "unknown");
	}

}
