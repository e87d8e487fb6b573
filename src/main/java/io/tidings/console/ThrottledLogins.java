package io.tidings.console;

import org.jspecify.annotations.Nullable;

import io.tidings.audit.AuditLog;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a login (the form's or HTTP basic's) against the users unless its account or
 * client address is locked out, counts its failure, and puts a lockout in the audit log.
 */
final class ThrottledLogins implements AuthenticationProvider {

	/** Audit action of a lockout. */
	static final String LOCKOUT = "LOCKOUT";

	private final AuthenticationProvider users;

	private final LoginThrottle throttle;

	private final ConsoleSettings.Login settings;

	private final AuditLog audit;

	ThrottledLogins(AuthenticationProvider users, LoginThrottle throttle, ConsoleSettings.Login settings,
			AuditLog audit) {
		this.users = users;
		this.throttle = throttle;
		this.settings = settings;
		this.audit = audit;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String account = String.valueOf(authentication.getName());
		String client = client(authentication);
		String refusal = this.throttle.refusal(account, client);
		if (refusal != null) {
			throw new LockedException(refusal);
		}
		try {
			Authentication authenticated = this.users.authenticate(authentication);
			this.throttle.succeeded(account);
			return authenticated;
		}
		catch (BadCredentialsException ex) {
			LoginThrottle.Lockout lockout = this.throttle.failed(account, client);
			String why = " failed logins within " + this.settings.window() + ": locked out for "
					+ this.settings.lockout();
			if (lockout.account()) {
				this.audit.record(account, LOCKOUT, null, "account: " + this.settings.accountAttempts() + why);
			}
			if (lockout.client()) {
				this.audit.record(account, LOCKOUT, null,
						"client address " + client + ": " + this.settings.clientAttempts() + why);
			}
			throw ex;
		}
	}

	private static @Nullable String client(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress()
				: null;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.users.supports(authentication);
	}

}
