package io.tidings.sms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;

import io.tidings.outbox.Channel;
import io.tidings.outbox.ChannelSender;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.DeliveryFailedException;
import io.tidings.outbox.DeliveryInDoubtException;
import io.tidings.outbox.DeliveryResult;
import io.tidings.outbox.RecipientOptedOutException;
import io.tidings.outbox.SendRate;
import io.tidings.outbox.TransientDeliveryException;

/**
 * Sends SMS through the Twilio REST API with the Twilio Java SDK, no faster than the
 * configured messages per second. The status callback URL carries the communication id.
 * Throttling (HTTP 429, Twilio error 20429) and connection failures are transient (the
 * deliver stage retries them with exponential backoff and jitter); an invalid number
 * (21211, 21614) fails that message with Twilio's code and message; a recipient who
 * unsubscribed (21610: they replied STOP) is an opt-out. A request Twilio received but
 * did not answer within {@code tidings.sms.timeout} is in doubt and never sent again: the
 * Messages API has no idempotency key, and Twilio's status callback for the communication
 * id settles it. One SDK client serves every delivery thread: it keeps no state per
 * request, and its HTTP client pools connections (up to 20 at once).
 */
class TwilioSmsSender implements ChannelSender {

	private static final Set<Integer> TRANSIENT_ERRORS = Set.of(20429, 20500, 20503);

	private static final Set<Integer> INVALID_NUMBER = Set.of(21211, 21214, 21217, 21407, 21408, 21612, 21614);

	/** Twilio: "Attempt to send to unsubscribed recipient". */
	private static final int UNSUBSCRIBED = 21610;

	private final TwilioRestClient client;

	private final SmsSettings settings;

	private final SendRate rate;

	TwilioSmsSender(TwilioRestClient client, SmsSettings settings) {
		this.client = client;
		this.settings = settings;
		this.rate = new SendRate(settings.messagesPerSecond());
	}

	@Override
	public Channel channel() {
		return Channel.SMS;
	}

	@Override
	public boolean idempotent() {
		return false;
	}

	@Override
	public DeliveryResult send(Communication communication, Path document) {
		SmsMessage sms;
		try {
			sms = SmsMessage.fromJson(Files.readAllBytes(document));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read archived SMS " + document, ex);
		}
		MessageCreator creator = (this.settings.messagingServiceSid() != null
				&& !this.settings.messagingServiceSid().isBlank())
						? Message.creator(new PhoneNumber(sms.to()), this.settings.messagingServiceSid(), sms.body())
						: Message.creator(new PhoneNumber(sms.to()), new PhoneNumber(requiredFrom()), sms.body());
		URI callback = this.settings.statusCallbackUrl();
		if (callback != null) {
			String separator = (callback.getRawQuery() == null) ? "?" : "&";
			creator.setStatusCallback(URI.create(callback + separator + "communicationId=" + communication.id()));
		}
		this.rate.acquire();
		try {
			Message message = creator.create(this.client);
			return new DeliveryResult(CommunicationState.SENT, message.getSid());
		}
		catch (ApiConnectionException ex) {
			throw new TransientDeliveryException("Twilio not reachable, will retry: " + ex.getMessage(), ex);
		}
		catch (ApiException ex) {
			if (answerLost(ex)) {
				throw new DeliveryInDoubtException(
						"Twilio did not answer in time; it may have queued the message: " + ex.getMessage(), ex);
			}
			Integer code = ex.getCode();
			if (code == null || TRANSIENT_ERRORS.contains(code) || Integer.valueOf(429).equals(ex.getStatusCode())
					|| (ex.getStatusCode() != null && ex.getStatusCode() >= 500)) {
				throw new TransientDeliveryException("Twilio error " + code + ", will retry: " + ex.getMessage(), ex);
			}
			if (code == UNSUBSCRIBED) {
				throw new RecipientOptedOutException("Twilio error " + code + ": " + ex.getMessage(), ex);
			}
			throw new DeliveryFailedException("Twilio error " + code + ": " + ex.getMessage(),
					INVALID_NUMBER.contains(code) ? "invalid-number" : "provider-error-" + code, ex);
		}
	}

	/**
	 * Whether the request reached Twilio and its answer was lost (the SDK reports I/O
	 * failures as an {@link ApiException} without status): a read time-out, or a
	 * connection closed without an answer. A connection that could not be opened is not
	 * in doubt.
	 */
	private static boolean answerLost(ApiException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectTimeoutException || cause instanceof ConnectException) {
				return false;
			}
			if (cause instanceof SocketTimeoutException || cause instanceof NoHttpResponseException) {
				return true;
			}
		}
		return false;
	}

	private String requiredFrom() {
		String from = this.settings.from();
		if (from == null || from.isBlank()) {
			throw new IllegalStateException("Set tidings.sms.from or tidings.sms.messaging-service-sid to send SMS");
		}
		return from;
	}

}
