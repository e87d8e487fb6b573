package io.tidings.sms;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A local fake of the Twilio Messages API (WireMock) answering with Twilio's own bodies,
 * for tests that send SMS before they test what comes back.
 */
public final class TwilioFake {

	public static final String ACCOUNT_SID = "AC00000000000000000000000000000000";

	public static final String AUTH_TOKEN = "test-token";

	public static final String FROM = "+15005550006";

	public static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

	private TwilioFake() {
	}

	/**
	 * Twilio answers a message to a number with 201 and a Message resource with that SID.
	 */
	public static void accept(WireMockServer twilio, String to, String sid) {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo(to))
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody(
						"""
								{"account_sid": "%1$s", "api_version": "2010-04-01", "body": "(as sent)",
								 "date_created": "Thu, 01 Oct 2026 06:00:00 +0000", "date_sent": null,
								 "date_updated": "Thu, 01 Oct 2026 06:00:00 +0000", "direction": "outbound-api",
								 "error_code": null, "error_message": null, "from": "%2$s", "messaging_service_sid": null,
								 "num_media": "0", "num_segments": "1", "price": null, "price_unit": "USD", "sid": "%3$s",
								 "status": "queued", "subresource_uris": {"media": "/2010-04-01/Accounts/%1$s/Messages/%3$s/Media.json"},
								 "to": "%4$s", "uri": "/2010-04-01/Accounts/%1$s/Messages/%3$s.json"}
								"""
							.formatted(ACCOUNT_SID, FROM, sid, to))));
	}

	/** A message SID like Twilio's. */
	public static String sid(String prefix, int index) {
		return prefix + "%032d".formatted(index);
	}

}
