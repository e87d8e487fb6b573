package io.tidings.console;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ConsoleUsersTests {

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	@Test
	void shouldUseTheDemoUsersOnlyWhenAskedForAndNoUserIsConfigured() {
		// when
		ConsoleUsers users = ConsoleUsers.of(settings(Map.of(), true), this.encoder);
		// then
		assertThat(users.demo()).isTrue();
		assertThat(users.users()).extracting((user) -> user.getUsername()).containsExactly("ops", "agent", "admin");
		assertThat(users.users()).allSatisfy((user) -> assertThat(user.getPassword()).startsWith("{bcrypt}"));
		assertThat(this.encoder.matches("ops", users.users().get(0).getPassword())).isTrue();
	}

	@Test
	void shouldTakeConfiguredUsersWithHashedPasswords() {
		// given
		String hash = new BCryptPasswordEncoder().encode("s3cret!");
		ConsoleSettings settings = settings(
				Map.of("maria", new ConsoleSettings.User("{bcrypt}" + hash, List.of("ops", "call_centre")), "joe",
						new ConsoleSettings.User(hash.replace("$2a$", "$2y$"), List.of("CALL_CENTRE"))));
		// when
		ConsoleUsers users = ConsoleUsers.of(settings, this.encoder);
		// then
		assertThat(users.demo()).isFalse();
		assertThat(users.users()).hasSize(2);
		assertThat(users.users()).filteredOn((user) -> user.getUsername().equals("maria"))
			.singleElement()
			.satisfies((user) -> {
				assertThat(this.encoder.matches("s3cret!", user.getPassword())).isTrue();
				assertThat(user.getAuthorities()).extracting(Object::toString)
					.containsExactlyInAnyOrder("ROLE_OPS", "ROLE_CALL_CENTRE");
			});
	}

	@Test
	void shouldRefuseAPasswordThatIsNotAHash() {
		// given
		ConsoleSettings plain = settings(Map.of("maria", new ConsoleSettings.User("s3cret!", List.of("OPS"))));
		ConsoleSettings noop = settings(Map.of("maria", new ConsoleSettings.User("{noop}s3cret!", List.of("OPS"))));
		// then
		assertThatIllegalStateException().isThrownBy(() -> ConsoleUsers.of(plain, this.encoder))
			.withMessageContaining("tidings.console.users.maria.password must be a password hash");
		assertThatIllegalStateException().isThrownBy(() -> ConsoleUsers.of(noop, this.encoder))
			.withMessageContaining("must be a password hash");
	}

	@Test
	void shouldRefuseAnUnknownRole() {
		ConsoleSettings settings = settings(Map.of("maria",
				new ConsoleSettings.User("{bcrypt}" + new BCryptPasswordEncoder().encode("x"), List.of("ROOT"))));
		assertThatIllegalStateException().isThrownBy(() -> ConsoleUsers.of(settings, this.encoder))
			.withMessageContaining("roles must name roles among");
	}

	@Test
	void shouldHaveNoUserWhenNoneIsConfiguredAndTheDemoUsersAreNotAskedFor() {
		// when
		ConsoleUsers users = ConsoleUsers.of(settings(Map.of(), false), this.encoder);
		// then
		assertThat(users.none()).isTrue();
		assertThat(users.demo()).isFalse();
	}

	@Test
	void shouldIgnoreTheDemoSettingWhenUsersAreConfigured() {
		// given
		String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode("x");
		// when
		ConsoleUsers users = ConsoleUsers
			.of(settings(Map.of("maria", new ConsoleSettings.User(hash, List.of("OPS"))), true), this.encoder);
		// then
		assertThat(users.demo()).isFalse();
		assertThat(users.users()).extracting((user) -> user.getUsername()).containsExactly("maria");
	}

	private static ConsoleSettings settings(Map<String, ConsoleSettings.User> users) {
		return settings(users, false);
	}

	private static ConsoleSettings settings(Map<String, ConsoleSettings.User> users, boolean demo) {
		return new ConsoleSettings(users, demo,
				new ConsoleSettings.Login(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(15)),
				new ConsoleSettings.Oidc("groups", Map.of()));
	}

}
