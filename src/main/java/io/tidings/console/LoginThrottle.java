package io.tidings.console;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Failed logins per account and per client address: so many within the window lock the
 * account, or the client, out for the lockout time, right password or not. Kept in
 * memory: a restart forgets them, as it forgets sessions.
 */
final class LoginThrottle {

	/** Beyond this many tracked keys, those without a recent failure are forgotten. */
	private static final int TRACKED_KEYS = 10_000;

	private final ConsoleSettings.Login settings;

	private final Clock clock;

	private final Map<String, Failures> accounts = new ConcurrentHashMap<>();

	private final Map<String, Failures> clients = new ConcurrentHashMap<>();

	LoginThrottle(ConsoleSettings.Login settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/** Why a login of this account from this client is refused now, if it is. */
	@Nullable String refusal(String account, @Nullable String client) {
		Instant now = this.clock.instant();
		if (lockedOut(this.accounts, account(account), now)) {
			return "account locked after too many failed logins";
		}
		if (client != null && lockedOut(this.clients, client, now)) {
			return "client locked out after too many failed logins";
		}
		return null;
	}

	/**
	 * Counts a failed login.
	 * @return what it locked out, if it did
	 */
	Lockout failed(String account, @Nullable String client) {
		Instant now = this.clock.instant();
		boolean lockedAccount = count(this.accounts, account(account), this.settings.accountAttempts(), now);
		boolean lockedClient = client != null && count(this.clients, client, this.settings.clientAttempts(), now);
		return new Lockout(lockedAccount, lockedClient);
	}

	/** A successful login: the account's failures are forgotten, not the client's. */
	void succeeded(String account) {
		this.accounts.remove(account(account));
	}

	private static String account(String account) {
		return account.strip().toLowerCase(Locale.ROOT);
	}

	private boolean lockedOut(Map<String, Failures> failures, String key, Instant now) {
		Failures of = failures.get(key);
		return of != null && of.lockedUntil(now);
	}

	private boolean count(Map<String, Failures> failures, String key, int attempts, Instant now) {
		if (failures.size() > TRACKED_KEYS) {
			failures.values().removeIf((of) -> of.idle(now));
		}
		return failures.computeIfAbsent(key, (k) -> new Failures()).add(now, attempts);
	}

	/**
	 * What a failed login locked out.
	 *
	 * @param account the account it tried
	 * @param client the client address it came from
	 */
	record Lockout(boolean account, boolean client) {
	}

	/** The recent failures of one account or client, and its lockout. */
	private final class Failures {

		private final Deque<Instant> times = new ArrayDeque<>();

		private Instant lockedUntil = Instant.MIN;

		/**
		 * @return whether this failure locks it out
		 */
		synchronized boolean add(Instant now, int attempts) {
			Instant since = now.minus(LoginThrottle.this.settings.window());
			while (!this.times.isEmpty() && this.times.peekFirst().isBefore(since)) {
				this.times.removeFirst();
			}
			this.times.addLast(now);
			if (this.times.size() >= attempts && !lockedUntil(now)) {
				this.lockedUntil = now.plus(LoginThrottle.this.settings.lockout());
				this.times.clear();
				return true;
			}
			return false;
		}

		synchronized boolean lockedUntil(Instant now) {
			return now.isBefore(this.lockedUntil);
		}

		synchronized boolean idle(Instant now) {
			Instant lastFailure = this.times.isEmpty() ? Instant.MIN : this.times.peekLast();
			return !lockedUntil(now) && !lastFailure.plus(LoginThrottle.this.settings.window()).isAfter(now);
		}

	}

}
