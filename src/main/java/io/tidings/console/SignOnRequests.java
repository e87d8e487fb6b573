package io.tidings.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Where a single sign-on waits for the identity provider's answer: in memory, by the
 * request's state, bound to the browser by a cookie of its own. The console's session
 * cookie is {@code SameSite=Strict}, so a browser coming back from the provider (another
 * site) does not send it; this one is {@code Lax}, sent on that navigation, and names
 * nothing but the browser. Bounded: when full, waits give way to new ones.
 */
final class SignOnRequests implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

	static final String COOKIE = "TIDINGS_SIGN_ON";

	private static final Duration PATIENCE = Duration.ofMinutes(10);

	private static final int CAPACITY = 10_000;

	private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	SignOnRequests(Clock clock) {
		this.clock = clock;
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
		Waiting found = find(request);
		return (found != null) ? found.request() : null;
	}

	@Override
	public void saveAuthorizationRequest(@Nullable OAuth2AuthorizationRequest authorizationRequest,
			HttpServletRequest request, HttpServletResponse response) {
		if (authorizationRequest == null) {
			removeAuthorizationRequest(request, response);
			return;
		}
		Instant now = this.clock.instant();
		this.waiting.values().removeIf((waits) -> waits.until().isBefore(now));
		for (Iterator<String> any = this.waiting.keySet().iterator(); this.waiting.size() >= CAPACITY
				&& any.hasNext();) {
			any.next();
			any.remove();
		}
		String browser = browser(request);
		if (browser == null) {
			byte[] key = new byte[24];
			this.random.nextBytes(key);
			browser = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
			response.addHeader(HttpHeaders.SET_COOKIE,
					ResponseCookie.from(COOKIE, browser)
						.httpOnly(true)
						.secure(request.isSecure())
						.sameSite("Lax")
						.path("/")
						.maxAge(PATIENCE)
						.build()
						.toString());
		}
		this.waiting.put(authorizationRequest.getState(),
				new Waiting(authorizationRequest, browser, now.plus(PATIENCE)));
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
			HttpServletResponse response) {
		Waiting found = find(request);
		if (found == null) {
			return null;
		}
		this.waiting.remove(found.request().getState(), found);
		return found.request();
	}

	private @Nullable Waiting find(HttpServletRequest request) {
		String state = request.getParameter(OAuth2ParameterNames.STATE);
		Waiting found = (state != null) ? this.waiting.get(state) : null;
		if (found == null || found.until().isBefore(this.clock.instant())
				|| !found.browser().equals(browser(request))) {
			return null;
		}
		return found;
	}

	private static @Nullable String browser(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		return (cookies != null) ? Arrays.stream(cookies)
			.filter((cookie) -> cookie.getName().equals(COOKIE))
			.map(Cookie::getValue)
			.findFirst()
			.orElse(null) : null;
	}

	private record Waiting(OAuth2AuthorizationRequest request, String browser, Instant until) {
	}

}
