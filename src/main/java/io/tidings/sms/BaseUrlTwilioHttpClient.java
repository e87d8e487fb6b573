package io.tidings.sms;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;

/**
 * The Twilio SDK's own HTTP client, with requests sent to a configured base URL instead
 * of {@code https://api.twilio.com}: used to point the real SDK at a local test double.
 * The rewritten request keeps the original's credentials. Apache HttpClient's automatic
 * retries are off: they would post a message again after a 429 or 503 answer, outside the
 * run's retry settings ({@code tidings.run.retries}, {@code tidings.run.retry-delay}).
 */
class BaseUrlTwilioHttpClient extends NetworkHttpClient {

	private final URI baseUrl;

	BaseUrlTwilioHttpClient(URI baseUrl) {
		super(HttpClientBuilder.create()
			.useSystemProperties()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDefaultSocketConfig(DEFAULT_SOCKET_CONFIG)
				.setMaxConnPerRoute(20)
				.setMaxConnTotal(100)
				.build())
			.setDefaultRequestConfig(DEFAULT_REQUEST_CONFIG)
			.disableAutomaticRetries());
		this.baseUrl = baseUrl;
	}

	@Override
	public Response makeRequest(Request request) {
		URI original = URI.create(request.constructURL().toString());
		String target = this.baseUrl.toString().replaceAll("/+$", "") + original.getRawPath();
		Request rewritten = new Request(request.getMethod(), target);
		copy(request.getQueryParams(), rewritten::addQueryParam);
		copy(request.getPostParams(), rewritten::addPostParam);
		copy(request.getHeaderParams(), rewritten::addHeaderParam);
		if (request.getAuthStrategy() != null) {
			rewritten.setAuth(request.getAuthStrategy());
		}
		else if (request.getUsername() != null && request.getPassword() != null) {
			rewritten.setAuth(request.getUsername(), request.getPassword());
		}
		if (request.getContentType() != null) {
			rewritten.setContentType(request.getContentType());
		}
		if (request.getBody() != null) {
			rewritten.setBody(request.getBody());
		}
		return super.makeRequest(rewritten);
	}

	private static void copy(Map<String, List<String>> parameters, java.util.function.BiConsumer<String, String> add) {
		parameters.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
	}

}
