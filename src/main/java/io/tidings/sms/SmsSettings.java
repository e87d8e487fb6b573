package io.tidings.sms;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
 * (a job file's {@code sms.max-segments} sets it per campaign)
 * @param messagesPerSecond most messages sent to Twilio per second (the sender's
 * throughput: 1 for a long code, more for a toll-free number, short code or messaging
 * service); 0 for no limit
 * @param webhookBaseUrl public base URL of {@code tidings serve} as Twilio calls it (e.g.
 * {@code https://hooks.bank.example}), to check request signatures behind a proxy; unset:
 * the URL the request arrived at
 * @param timeout longest wait for Twilio to accept a connection and to answer a request;
 * a message whose request got no answer in time is in doubt (Twilio may have queued it)
 * and is not sent again
 */
@Validated
@ConfigurationProperties("tidings.sms")
public record SmsSettings(@Nullable String accountSid, @Nullable String authToken, @Nullable String from,
		@Nullable String messagingServiceSid, @DefaultValue("https://api.twilio.com") URI baseUrl,
		@Nullable URI statusCallbackUrl, @DefaultValue("4") @Min(1) int maxSegments,
		@DefaultValue("0") @DecimalMin("0") double messagesPerSecond, @Nullable URI webhookBaseUrl,
		@DefaultValue("30s") @DurationMin(nanos = 1, message = "must be positive") Duration timeout) {

	/** Whether Twilio credentials are configured. */
	public boolean twilioConfigured() {
		return this.accountSid != null && !this.accountSid.isBlank() && this.authToken != null
				&& !this.authToken.isBlank();
	}

	@Override
	public String toString() {
		return "SmsSettings[accountSid=" + this.accountSid + ", from=" + this.from + ", baseUrl=" + this.baseUrl + "]";
	}

}
