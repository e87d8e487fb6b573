package io.tidings.sms;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * The Twilio SDK's own HTTP client, with requests sent to a configured base URL instead
 * of {@code https://api.twilio.com}: used to point the real SDK at a local test double.
 */
class BaseUrlTwilioHttpClient extends NetworkHttpClient {

	private final URI baseUrl;

	BaseUrlTwilioHttpClient(URI baseUrl) {
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
		rewritten.setAuth(request.getAuthStrategy());
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
