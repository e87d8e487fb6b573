package io.tidings.preference;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Limits requests to the preference centre and one-click unsubscribe per client address
 * ({@code tidings.links.requests-per-minute}) and per link (a fifth of that), answering
 * 429 beyond them: guessing links or flooding one link gets nowhere. A link counts by the
 * communication its verified token names, however the token is spelt in the URL
 * (percent-encoded characters, a path parameter); a client by its address as Tomcat sees
 * it, which a header sets only when it comes from a listed proxy
 * ({@code server.tomcat.remoteip.internal-proxies}). Twilio's webhooks are not limited
 * (they are signed, and Twilio posts in bursts).
 */
final class LinkRateLimitFilter extends OncePerRequestFilter {

	private final LinkRateLimiter limiter;

	private final PreferenceLinks links;

	private final int perMinute;

	LinkRateLimitFilter(LinkRateLimiter limiter, PreferenceLinks links, int perMinute) {
		this.limiter = limiter;
		this.links = links;
		this.perMinute = perMinute;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// decoded, without path parameters: the path the controllers see
		String[] segments = UrlPathHelper.defaultInstance.getPathWithinApplication(request).split("/");
		boolean limited = segments.length > 2 && ("p".equals(segments[1]) || "unsubscribe".equals(segments[1]));
		if (limited && !(this.limiter.allow("address:" + request.getRemoteAddr(), this.perMinute)
				&& this.links.verify(segments[2])
					.map((communication) -> this.limiter.allow("link:" + communication.value(), this.perMinute / 5))
					.orElse(true))) {
			response.setStatus(429);
			response.setHeader("Retry-After", "60");
			return;
		}
		chain.doFilter(request, response);
	}

}
