package io.tidings.preference;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Links to the preference centre ({@code tidings.links.*}).
 *
 * @param baseUrl public base URL of {@code tidings serve}'s public pages, as customers
 * reach it (links are {@code <base-url>/p/<token>})
 * @param secret key that signs link tokens; from an environment variable or the secrets
 * folder. Unset: one is generated into the secrets folder on first use
 * @param previousSecrets keys of earlier links that are still accepted, after a key
 * rotation
 * @param ttl how long a link works after its message was rendered
 * @param requestsPerMinute most requests a minute from one client address, and, at a
 * fifth of that, with one link
 */
@Validated
@ConfigurationProperties("tidings.links")
record LinkSettings(
		@DefaultValue("http://localhost:8080") @Pattern(regexp = "https?://[A-Za-z0-9.\\[\\]:-]+(/[A-Za-z0-9._~/-]*)?",
				message = "must be an http or https URL without query") String baseUrl,
		@Nullable String secret, @DefaultValue List<String> previousSecrets,
		@DefaultValue("60d") @DurationMin(nanos = 1, message = "must be positive") Duration ttl,
		@DefaultValue("60") @Min(5) int requestsPerMinute) {

	LinkSettings {
		baseUrl = baseUrl.strip().replaceAll("/+$", "");
		previousSecrets = previousSecrets.stream().map(String::strip).filter(key -> !key.isEmpty()).toList();
	}

}
