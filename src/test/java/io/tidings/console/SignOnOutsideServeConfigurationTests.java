package io.tidings.console;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SignOnOutsideServeConfigurationTests {

	private final ApplicationContextRunner commands = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OAuth2ClientAutoConfiguration.class))
		.withPropertyValues("spring.security.oauth2.client.registration.corp.client-id=tidings",
				"spring.security.oauth2.client.registration.corp.client-secret=secret",
				// nothing listens there: a start that asked it would fail
				"spring.security.oauth2.client.provider.corp.issuer-uri=http://127.0.0.1:9/realms/staff");

	@Test
	void shouldFailToStartACommandWhoseIdentityProviderIsDownWithoutIt() {
		this.commands.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void shouldStartACommandWithoutAskingTheIdentityProvider() {
		this.commands.withUserConfiguration(SignOnOutsideServeConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
