package io.tidings.console;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the console ({@code tidings.console.*}; the jobs folder,
 * {@code tidings.console.jobs}, is the schedule module's).
 *
 * @param users console users by name; with none (and no demo users) the console is off
 * @param demoUsers whether the demo users ({@code ops/ops}, {@code agent/agent},
 * {@code admin/admin}) log in when no user is configured: for trying Tidings out only
 * ({@code tidings demo --serve} sets it)
 * @param login how many failed logins lock an account or a client out, and for how long
 * @param oidc the console roles of users who sign on through an OpenID Connect provider
 */
@Validated
@ConfigurationProperties("tidings.console")
public record ConsoleSettings(@DefaultValue Map<String, User> users, @DefaultValue("false") boolean demoUsers,
		@DefaultValue @Valid Login login, @DefaultValue Oidc oidc) {

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

	/**
	 * Login throttling, for the login form and HTTP basic alike.
	 *
	 * @param accountAttempts failed logins of one account within the window that lock it
	 * @param clientAttempts failed logins from one client address within the window that
	 * lock it out, whichever accounts they tried
	 * @param window how far back failed logins count
	 * @param lockout how long a locked account or client is refused, even with the right
	 * password
	 */
	public record Login(@DefaultValue("5") @Min(1) int accountAttempts, @DefaultValue("20") @Min(1) int clientAttempts,
			@DefaultValue("15m") @DurationMin(nanos = 1, message = "must be positive") Duration window,
			@DefaultValue("15m") @DurationMin(nanos = 1, message = "must be positive") Duration lockout) {
	}

	/**
	 * Single sign-on, on when a client registration is configured
	 * ({@code spring.security.oauth2.client.registration.*}).
	 *
	 * @param groupsClaim the claim of the ID token or user info that lists the user's
	 * groups
	 * @param roles for each console role ({@code OPS}, {@code CALL_CENTRE},
	 * {@code ADMIN}), the groups that have it; a user in none of them is refused
	 */
	public record Oidc(@DefaultValue("groups") String groupsClaim, @DefaultValue Map<String, List<String>> roles) {
	}

}
