package io.tidings.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * Commands other than {@code tidings serve} have no console to sign on to: with single
 * sign-on configured, they neither ask the identity provider for its metadata as they
 * start (Spring Boot would, for an {@code issuer-uri}) nor fail when it is down.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnNotWebApplication
class SignOnOutsideServeConfiguration {

	@Bean
	ClientRegistrationRepository noClientRegistrations() {
		return (registrationId) -> null;
	}

}
