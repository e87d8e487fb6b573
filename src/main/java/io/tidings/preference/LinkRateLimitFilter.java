package io.tidings.preference;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits requests to the preference centre and one-click unsubscribe per client address
 * ({@code tidings.links.requests-per-minute}) and per link (a fifth of that), answering
 * 429 beyond them: guessing links or flooding one link gets nowhere. Twilio's webhooks
 * are not limited (they are signed, and Twilio posts in bursts). Behind a proxy, set
 * {@code server.forward-headers-strategy} so that the client address is the real one.
 */
final class LinkRateLimitFilter extends OncePerRequestFilter {

	private final LinkRateLimiter limiter;

	private final int perMinute;

	LinkRateLimitFilter(LinkRateLimiter limiter, int perMinute) {
		this.limiter = limiter;
		this.perMinute = perMinute;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String[] segments = path.split("/");
		boolean limited = segments.length > 2 && ("p".equals(segments[1]) || "unsubscribe".equals(segments[1]));
		if (limited && !(this.limiter.allow("address:" + request.getRemoteAddr(), this.perMinute)
				&& this.limiter.allow("link:" + segments[2], this.perMinute / 5))) {
			response.setStatus(429);
			response.setHeader("Retry-After", "60");
			return;
		}
		chain.doFilter(request, response);
	}

}
