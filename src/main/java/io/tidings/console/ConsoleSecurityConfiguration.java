package io.tidings.console;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidings.audit.AuditLog;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may do what in {@code tidings serve}. Public: the webhooks, one-click unsubscribe
 * and the preference centre ({@code /webhooks/**}, {@code /unsubscribe/**},
 * {@code /p/**}, without CSRF tokens: their callers have no session), the login page and
 * {@code /actuator/health}. Everything else needs a login: {@code OPS} runs and approves
 * jobs and previews templates, {@code CALL_CENTRE} reads customer views only,
 * {@code ADMIN} may do all that, read the audit log and scrape
 * {@code /actuator/prometheus} (HTTP basic). The console's forms carry CSRF tokens. Users
 * log in with a password, or sign on through an OpenID Connect provider when one is
 * configured ({@link OidcConsoleRoles}). With no user and no provider, the console
 * answers 503 saying why, and the public endpoints still serve.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleSecurityConfiguration {

	/** Endpoints for callers without a session; their own chain may come first. */
	static final String[] PUBLIC_ENDPOINTS = { "/webhooks/**", "/unsubscribe/**", "/p/**" };

	private static final Logger logger = LoggerFactory.getLogger(ConsoleSecurityConfiguration.class);

	private static final String CONSOLE_OFF = "The console is off: no user is configured. Configure "
			+ "tidings.console.users or single sign-on (see \"Deploying\" in the README), or set "
			+ "tidings.console.demo-users=true to try it with the demo users. Webhooks, one-click unsubscribe "
			+ "and the preference centre serve.";

	/**
	 * Pages of the console: scripts, styles and frames from the console only, never
	 * inline; a page may set a stricter one (the email HTML, the campaign report).
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'self'; frame-src 'self'; frame-ancestors 'self'; "
			+ "form-action 'self'; base-uri 'none'";

	/**
	 * After a single sign-on, the browser comes from the provider's site and does not
	 * send the console's strict session cookie along a redirect; a page of the console
	 * that moves on by itself does.
	 */
	private static void continueToConsole(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		response.setContentType("text/html;charset=UTF-8");
		response.getWriter()
			.print("<!DOCTYPE html><html><head><meta http-equiv=\"refresh\" content=\"0;url=/\">"
					+ "<title>Tidings</title></head><body><a href=\"/\">Continue to the console</a></body></html>");
	}

	@Bean
	PasswordEncoder consolePasswordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	ConsoleUsers consoleUsers(ConsoleSettings settings, PasswordEncoder consolePasswordEncoder) {
		return ConsoleUsers.of(settings, consolePasswordEncoder);
	}

	@Bean
	UserDetailsService consoleUserDetailsService(ConsoleUsers consoleUsers) {
		return new InMemoryUserDetailsManager(consoleUsers.users());
	}

	@Bean
	AuthenticationProvider consoleAuthenticationProvider(UserDetailsService consoleUserDetailsService,
			PasswordEncoder consolePasswordEncoder, ConsoleSettings settings, Clock clock, AuditLog audit) {
		DaoAuthenticationProvider dao = new DaoAuthenticationProvider(consoleUserDetailsService);
		dao.setPasswordEncoder(consolePasswordEncoder);
		return new ThrottledLogins(dao, new LoginThrottle(settings.login(), clock), settings.login(), audit);
	}

	@Bean
	static RoleHierarchy consoleRoleHierarchy() {
		return RoleHierarchyImpl.fromHierarchy("""
				ROLE_ADMIN > ROLE_OPS
				ROLE_ADMIN > ROLE_CALL_CENTRE
				""");
	}

	/**
	 * Actuator: health for anyone, everything else (Prometheus) for admins with HTTP
	 * basic.
	 */
	@Bean
	@Order(5)
	SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/actuator/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.anyRequest()
				.hasRole("ADMIN"))
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'none'"))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.sessionManagement((session) -> session
				.sessionCreationPolicy(org.springframework.security.config.http.SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	@Order(10)
	SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http, ConsoleUsers consoleUsers,
			ObjectProvider<ClientRegistrationRepository> singleSignOn, ConsoleSettings settings, AuditLog audit,
			Clock clock) throws Exception {
		boolean sso = singleSignOn.getIfAvailable() != null;
		if (consoleUsers.none() && !sso) {
			logger.warn(CONSOLE_OFF);
			// the public endpoints have a chain of their own; their errors are rendered
			// here
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.csrf((csrf) -> csrf.disable())
				.addFilterBefore(new OncePerRequestFilter() {

					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws IOException {
						response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
						response.setContentType("text/plain;charset=UTF-8");
						response.getWriter().println(CONSOLE_OFF);
					}

				}, AuthorizationFilter.class)
				.build();
		}
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(PUBLIC_ENDPOINTS)
			.permitAll()
			.requestMatchers("/login", "/assets/**", "/error", "/denied", "/favicon.ico")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/")
			.authenticated()
			.requestMatchers("/customers/**", "/communications/**")
			.hasAnyRole("CALL_CENTRE", "OPS")
			.requestMatchers("/audit/**")
			.hasRole("ADMIN")
			.anyRequest()
			.hasRole("OPS"))
			.csrf((csrf) -> csrf.ignoringRequestMatchers(PUBLIC_ENDPOINTS))
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			.sessionManagement((session) -> session.invalidSessionUrl("/login?expired"))
			.headers((headers) -> headers.frameOptions((frames) -> frames.sameOrigin())
				.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.exceptionHandling((errors) -> errors.accessDeniedPage("/denied"));
		if (sso) {
			http.oauth2Login((login) -> login.loginPage("/login")
				.authorizationEndpoint((endpoint) -> endpoint.authorizationRequestRepository(new SignOnRequests(clock)))
				.userInfoEndpoint((user) -> user.oidcUserService(OidcConsoleRoles.of(settings.oidc(), audit)))
				.successHandler(ConsoleSecurityConfiguration::continueToConsole)
				.failureUrl("/login?refused")
				.permitAll());
		}
		return http.build();
	}

}
