package io.tidings.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The console's users: those of {@code tidings.console.users}, with hashed passwords
 * only; or, when none is configured and {@code tidings.console.demo-users} asks for them,
 * the documented demo users ({@code ops/ops}, {@code agent/agent}, {@code admin/admin});
 * or nobody, and the console is off.
 */
final class ConsoleUsers {

	/** Roles of the console. */
	static final Set<String> ROLES = Set.of("OPS", "CALL_CENTRE", "ADMIN");

	private static final List<String> HASH_PREFIXES = List.of("{bcrypt}", "{argon2}", "{argon2@SpringSecurity_v5_8}",
			"{pbkdf2}", "{pbkdf2@SpringSecurity_v5_8}", "{scrypt}", "{scrypt@SpringSecurity_v5_8}");

	private final List<UserDetails> users;

	private final boolean demo;

	private ConsoleUsers(List<UserDetails> users, boolean demo) {
		this.users = List.copyOf(users);
		this.demo = demo;
	}

	/**
	 * The configured users, or the demo users when none is configured and they are asked
	 * for, or none.
	 * @throws IllegalStateException naming the user whose password is not a hash or whose
	 * role is unknown
	 */
	static ConsoleUsers of(ConsoleSettings settings, PasswordEncoder encoder) {
		if (settings.users().isEmpty()) {
			if (!settings.demoUsers()) {
				return new ConsoleUsers(List.of(), false);
			}
			return new ConsoleUsers(List.of(user("ops", encoder.encode("ops"), List.of("OPS")),
					user("agent", encoder.encode("agent"), List.of("CALL_CENTRE")),
					user("admin", encoder.encode("admin"), List.of("ADMIN"))), true);
		}
		List<UserDetails> users = new ArrayList<>();
		for (Map.Entry<String, ConsoleSettings.User> entry : settings.users().entrySet()) {
			String name = entry.getKey();
			ConsoleSettings.User configured = entry.getValue();
			List<String> roles = configured.roles()
				.stream()
				.map(role -> role.strip().toUpperCase(Locale.ROOT))
				.toList();
			if (roles.isEmpty() || !ROLES.containsAll(roles)) {
				throw new IllegalStateException("tidings.console.users." + name + ".roles must name roles among "
						+ ROLES + ", not " + configured.roles());
			}
			users.add(user(name, hash(name, configured.password()), roles));
		}
		return new ConsoleUsers(users, false);
	}

	private static String hash(String name, String password) {
		String value = password.strip();
		if (value.matches("\\$2[aby]?\\$\\d\\d\\$.{53}")) {
			return "{bcrypt}" + value;
		}
		if (HASH_PREFIXES.stream().anyMatch(value::startsWith)) {
			return value;
		}
		throw new IllegalStateException("tidings.console.users." + name
				+ ".password must be a password hash ({bcrypt}$2a$..., see the README), never the password itself");
	}

	private static UserDetails user(String name, String hash, List<String> roles) {
		return User.withUsername(name).password(hash).roles(roles.toArray(String[]::new)).build();
	}

	List<UserDetails> users() {
		return this.users;
	}

	/** Whether these are the demo users (no user is configured). */
	boolean demo() {
		return this.demo;
	}

	/** Whether nobody may log in: no user is configured, and no demo user asked for. */
	boolean none() {
		return this.users.isEmpty();
	}

}
