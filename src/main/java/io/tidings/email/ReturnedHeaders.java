package io.tidings.email;

import java.io.IOException;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import org.jspecify.annotations.Nullable;

/**
 * The headers of the original message that a report returns (as {@code message/rfc822} or
 * {@code text/rfc822-headers}): what names the communication it is about.
 *
 * @param messageId its Message-ID (Tidings derives it from the communication id)
 * @param communicationId its {@code X-Tidings-Communication-Id} header
 * @param returnPath its Return-Path (the envelope sender)
 */
record ReturnedHeaders(@Nullable String messageId, @Nullable String communicationId, @Nullable String returnPath) {

	static final ReturnedHeaders NONE = new ReturnedHeaders(null, null, null);

	static boolean isReturned(BodyPart part) throws MessagingException {
		return part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")
				|| part.isMimeType("message/global") || part.isMimeType("message/global-headers");
	}

	static ReturnedHeaders of(BodyPart part) throws MessagingException, IOException {
		try (var in = part.getInputStream()) {
			InternetHeaders headers = new InternetHeaders(in);
			return new ReturnedHeaders(DeliveryStatusNotification.field(headers, "Message-ID"),
					DeliveryStatusNotification.field(headers, "X-Tidings-Communication-Id"),
					DeliveryStatusNotification.field(headers, "Return-Path"));
		}
	}

}
