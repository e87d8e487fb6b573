package io.tidings.sms;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMS settings ({@code tidings.sms.*}). With an account SID and auth token, messages go
 * through Twilio; otherwise to the JSON-lines outbox.
 *
 * @param accountSid Twilio account SID ({@code TIDINGS_SMS_ACCOUNTSID})
 * @param authToken Twilio auth token ({@code TIDINGS_SMS_AUTHTOKEN}); never logged
 * @param from sender number in E.164, or empty when a messaging service is used
 * @param messagingServiceSid Twilio messaging service SID, instead of {@code from}
 * @param baseUrl Twilio API base URL; only changed to point at a test double
 * @param statusCallbackUrl URL Twilio reports delivery status to; the communication id is
 * added as the {@code communicationId} query parameter
 * @param maxSegments messages longer than this many segments fail instead of being sent
 */
@ConfigurationProperties("tidings.sms")
public record SmsSettings(@Nullable String accountSid, @Nullable String authToken, @Nullable String from,
		@Nullable String messagingServiceSid, @DefaultValue("https://api.twilio.com") URI baseUrl,
		@Nullable URI statusCallbackUrl, @DefaultValue("4") int maxSegments) {

	boolean twilioConfigured() {
		return this.accountSid != null && !this.accountSid.isBlank() && this.authToken != null
				&& !this.authToken.isBlank();
	}

	@Override
	public String toString() {
		return "SmsSettings[accountSid=" + this.accountSid + ", from=" + this.from + ", baseUrl=" + this.baseUrl + "]";
	}

}
