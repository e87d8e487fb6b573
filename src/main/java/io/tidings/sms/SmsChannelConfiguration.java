package io.tidings.sms;

import com.twilio.http.TwilioRestClient;

import io.tidings.TidingsHome;
import io.tidings.archive.AtomicFiles;
import io.tidings.outbox.ChannelSender;
import io.tidings.outbox.Communications;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Picks the SMS transport: Twilio when an account SID and auth token are configured, else
 * the JSON-lines file outbox.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SmsSettings.class, SmsKeywordSettings.class })
class SmsChannelConfiguration {

	@Bean
	ChannelSender smsSender(SmsSettings settings, TidingsHome home, AtomicFiles files, Communications communications) {
		if (!settings.twilioConfigured()) {
			return new SmsFileOutbox(home.out(), files, communications);
		}
		TwilioRestClient client = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
			.httpClient(new BaseUrlTwilioHttpClient(settings.baseUrl(), settings.timeout()))
			.build();
		return new TwilioSmsSender(client, settings);
	}

}
