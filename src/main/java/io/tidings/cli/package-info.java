/**
 * The {@code tidings} command line: parses the command before anything starts, boots the
 * application on the chosen home folder, runs the command and maps the outcome to an exit
 * code (0 success, 1 run failed and restartable, 2 bad input or usage).
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "archive", "audit", "campaign", "csv", "customer", "email", "history", "offer",
				"outbox", "policy", "print", "privacy", "report", "response", "schedule", "sms" })
@org.jspecify.annotations.NullMarked
package io.tidings.cli;
