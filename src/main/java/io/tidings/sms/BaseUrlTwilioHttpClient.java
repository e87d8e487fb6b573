package io.tidings.sms;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The Twilio SDK's own HTTP client, with requests sent to a configured base URL instead
 * of {@code https://api.twilio.com}: used to point the real SDK at a local test double.
 * The rewritten request keeps the original's credentials. Apache HttpClient's automatic
 * retries are off: they would post a message again after a 429 or 503 answer, outside the
 * run's retry settings ({@code tidings.run.retries}, {@code tidings.run.retry-delay}).
 * Connecting and waiting for an answer end after {@code tidings.sms.timeout}.
 */
class BaseUrlTwilioHttpClient extends NetworkHttpClient {

	private final URI baseUrl;

	BaseUrlTwilioHttpClient(URI baseUrl, Duration timeout) {
		super(HttpClientBuilder.create()
			.useSystemProperties()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDefaultSocketConfig(
						SocketConfig.copy(DEFAULT_SOCKET_CONFIG).setSoTimeout(Timeout.of(timeout)).build())
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.of(timeout))
					.setSocketTimeout(Timeout.of(timeout))
					.build())
				.setMaxConnPerRoute(20)
				.setMaxConnTotal(100)
				.build())
			.setDefaultRequestConfig(RequestConfig.copy(DEFAULT_REQUEST_CONFIG)
				.setConnectionRequestTimeout(Timeout.of(timeout))
				.setResponseTimeout(Timeout.of(timeout))
				.build())
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
