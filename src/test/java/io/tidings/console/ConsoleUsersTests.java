package io.tidings.console;

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
	void shouldUseTheDemoUsersOnlyWhenNoUserIsConfigured() {
		// when
		ConsoleUsers users = ConsoleUsers.of(new ConsoleSettings(Map.of()), this.encoder);
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
		ConsoleSettings settings = new ConsoleSettings(
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
		ConsoleSettings plain = new ConsoleSettings(
				Map.of("maria", new ConsoleSettings.User("s3cret!", List.of("OPS"))));
		ConsoleSettings noop = new ConsoleSettings(
				Map.of("maria", new ConsoleSettings.User("{noop}s3cret!", List.of("OPS"))));
		// then
		assertThatIllegalStateException().isThrownBy(() -> ConsoleUsers.of(plain, this.encoder))
			.withMessageContaining("tidings.console.users.maria.password must be a password hash");
		assertThatIllegalStateException().isThrownBy(() -> ConsoleUsers.of(noop, this.encoder))
			.withMessageContaining("must be a password hash");
	}

	@Test
	void shouldRefuseAnUnknownRole() {
		ConsoleSettings settings = new ConsoleSettings(Map.of("maria",
				new ConsoleSettings.User("{bcrypt}" + new BCryptPasswordEncoder().encode("x"), List.of("ROOT"))));
		assertThatIllegalStateException().isThrownBy(() -> ConsoleUsers.of(settings, this.encoder))
			.withMessageContaining("roles must name roles among");
	}

}
