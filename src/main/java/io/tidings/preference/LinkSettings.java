package io.tidings.preference;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
@ConfigurationProperties("tidings.links")
record LinkSettings(@DefaultValue("http://localhost:8080") String baseUrl, @Nullable String secret,
		@DefaultValue List<String> previousSecrets, @DefaultValue("60d") Duration ttl,
		@DefaultValue("60") int requestsPerMinute) {

	LinkSettings {
		baseUrl = baseUrl.strip().replaceAll("/+$", "");
		if (!baseUrl.matches("https?://[A-Za-z0-9.\\[\\]:-]+(/[A-Za-z0-9._~/-]*)?")) {
			throw new IllegalArgumentException(
					"tidings.links.base-url must be an http or https URL without query, not '" + baseUrl + "'");
		}
		previousSecrets = previousSecrets.stream().map(String::strip).filter(key -> !key.isEmpty()).toList();
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("tidings.links.ttl must be positive, not " + ttl);
		}
		if (requestsPerMinute < 5) {
			throw new IllegalArgumentException(
					"tidings.links.requests-per-minute must be at least 5, not " + requestsPerMinute);
		}
	}

}
