package io.tidings.sms;

import java.net.URI;
import java.util.Map;

import com.twilio.security.RequestValidator;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Checks that a webhook request comes from Twilio: its {@code X-Twilio-Signature} is the
 * HMAC-SHA1, keyed with the account's auth token, of the URL Twilio called and the POST
 * parameters.
 */
@Component
public class TwilioSignatures {

	private final SmsSettings settings;

	TwilioSignatures(SmsSettings settings) {
		this.settings = settings;
	}

	/**
	 * Whether the signature is Twilio's. Without an auth token nothing is.
	 * @param receivedUrl the URL the request arrived at, with its query string
	 * @param path the request's path and query string, to put after
	 * {@code tidings.sms.webhook-base-url} when that is set (behind a proxy, Twilio
	 * signed the public URL)
	 * @param formParameters the POST parameters (not those of the query string)
	 */
	public boolean valid(String receivedUrl, String path, Map<String, String> formParameters,
			@Nullable String signature) {
		String token = this.settings.authToken();
		if (token == null || token.isBlank() || signature == null || signature.isBlank()) {
			return false;
		}
		URI base = this.settings.webhookBaseUrl();
		String url = (base != null) ? base.toString().replaceAll("/+$", "") + path : receivedUrl;
		return new RequestValidator(token).validate(url, formParameters, signature);
	}

}
