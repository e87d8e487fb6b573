package io.tidings.console;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.tidings.audit.AuditLog;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.util.StringUtils;

/**
 * The console roles of a user who signs on through an OpenID Connect provider: those
 * whose groups ({@code tidings.console.oidc.roles.<ROLE>}) the user's groups claim names.
 * A user with none is refused, and the audit log says so.
 */
final class OidcConsoleRoles implements OAuth2UserService<OidcUserRequest, OidcUser> {

	/** Why a user who signed on at the provider is refused the console. */
	static final String NO_ROLE = "single sign-on: none of the user's groups has a console role";

	private final OAuth2UserService<OidcUserRequest, OidcUser> provider;

	private final String groupsClaim;

	private final Map<String, Set<String>> groupsByRole;

	private final AuditLog audit;

	private OidcConsoleRoles(OAuth2UserService<OidcUserRequest, OidcUser> provider, String groupsClaim,
			Map<String, Set<String>> groupsByRole, AuditLog audit) {
		this.provider = provider;
		this.groupsClaim = groupsClaim;
		this.groupsByRole = groupsByRole;
		this.audit = audit;
	}

	/**
	 * The roles of the settings.
	 * @throws IllegalStateException naming a role that the console does not know
	 */
	static OidcConsoleRoles of(ConsoleSettings.Oidc settings, AuditLog audit) {
		Map<String, Set<String>> groupsByRole = settings.roles()
			.entrySet()
			.stream()
			.collect(Collectors.toMap((entry) -> entry.getKey().strip().toUpperCase(Locale.ROOT),
					(entry) -> entry.getValue().stream().map(String::strip).collect(Collectors.toUnmodifiableSet())));
		if (!ConsoleUsers.ROLES.containsAll(groupsByRole.keySet())) {
			throw new IllegalStateException("tidings.console.oidc.roles must map roles among " + ConsoleUsers.ROLES
					+ ", not " + settings.roles().keySet());
		}
		return new OidcConsoleRoles(new OidcUserService(), settings.groupsClaim(), Map.copyOf(groupsByRole), audit);
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		OidcUser user = this.provider.loadUser(request);
		Set<String> groups = groups(user.getClaims().get(this.groupsClaim));
		List<GrantedAuthority> roles = this.groupsByRole.entrySet()
			.stream()
			.filter((role) -> role.getValue().stream().anyMatch(groups::contains))
			.map((role) -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role.getKey()))
			.sorted((a, b) -> a.getAuthority().compareTo(b.getAuthority()))
			.toList();
		if (roles.isEmpty()) {
			this.audit.record(user.getName(), "LOGIN_FAILED", null, NO_ROLE);
			throw new OAuth2AuthenticationException(new OAuth2Error("access_denied", NO_ROLE, null));
		}
		String nameAttribute = request.getClientRegistration()
			.getProviderDetails()
			.getUserInfoEndpoint()
			.getUserNameAttributeName();
		return StringUtils.hasText(nameAttribute)
				? new DefaultOidcUser(roles, user.getIdToken(), user.getUserInfo(), nameAttribute)
				: new DefaultOidcUser(roles, user.getIdToken(), user.getUserInfo());
	}

	/** A groups claim is a list of names, or one name (some providers, one group). */
	private static Set<String> groups(@Nullable Object claim) {
		if (claim instanceof Collection<?> names) {
			return names.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
		}
		return (claim instanceof String name) ? Set.of(name) : Set.of();
	}

}
