package io.tidings.console;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the console ({@code tidings.console.*}; the jobs folder,
 * {@code tidings.console.jobs}, is the schedule module's).
 *
 * @param users console users by name; none: the demo users are active, from this machine
 * only
 */
@ConfigurationProperties("tidings.console")
public record ConsoleSettings(@DefaultValue Map<String, User> users) {

	/**
	 * A console user.
	 *
	 * @param password the password hash: {@code {bcrypt}$2a$...} (or another encoding
	 * Spring Security's delegating encoder knows, such as {@code {argon2}} or
	 * {@code {pbkdf2}}), or a bare bcrypt hash {@code $2a$}/{@code $2b$}/{@code $2y$};
	 * never the password itself
	 * @param roles {@code OPS}, {@code CALL_CENTRE}, {@code ADMIN}
	 */
	public record User(String password, @DefaultValue List<String> roles) {
	}

}
