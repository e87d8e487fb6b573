package io.tidings.preference;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Security of what {@code tidings serve} shows the public, apart from the staff console:
 * the preference centre ({@code /p/**}), one-click unsubscribe ({@code /unsubscribe/**})
 * and Twilio's webhooks ({@code /webhooks/**}). Nobody logs in: the signed link, or
 * Twilio's request signature, is the credential. The preference centre's forms need a
 * CSRF token (kept in a cookie: no server session); one-click unsubscribe does not, since
 * mail clients post without one (RFC 8058), nor do the webhooks, which Twilio signs.
 * Requests are rate-limited per client address and per link.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class PublicEndpointsSecurityConfiguration {

	/** The preference page: its own styles, no script at all, forms to itself only. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
			+ "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

	@Bean
	@Order(1)
	SecurityFilterChain publicEndpointsFilterChain(HttpSecurity http, LinkSettings settings, PreferenceLinks links,
			Clock clock) {
		http.securityMatcher("/p/**", "/unsubscribe/**", "/webhooks/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(csrf -> csrf.csrfTokenRepository(csrfCookie())
				.ignoringRequestMatchers("/unsubscribe/**", "/webhooks/**"))
			// the link's token is in the URL: no referrer may carry it elsewhere
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.addFilterBefore(new LinkRateLimitFilter(new LinkRateLimiter(clock), links, settings.requestsPerMinute()),
					CsrfFilter.class);
		return http.build();
	}

	/** The CSRF token's cookie, sent back on the links' own site only. */
	private static CookieCsrfTokenRepository csrfCookie() {
		CookieCsrfTokenRepository cookie = new CookieCsrfTokenRepository();
		cookie.setCookieCustomizer(customizer -> customizer.sameSite("Lax"));
		return cookie;
	}

}
