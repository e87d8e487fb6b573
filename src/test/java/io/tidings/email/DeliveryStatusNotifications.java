package io.tidings.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import jakarta.mail.internet.MailDateFormat;

/**
 * Delivery status notifications (RFC 3464) as Postfix writes them, for tests, dated now
 * (a report dated before its email was sent is refused).
 */
final class DeliveryStatusNotifications {

	private DeliveryStatusNotifications() {
	}

	/** Now as a mail header date. */
	static String now() {
		return new MailDateFormat().format(new Date());
	}

	/**
	 * A sample report of {@code data/}, with its {@code {{NAME}}} placeholders replaced
	 * ({@code {{DATE}}} by now unless given).
	 */
	static String sample(String name, Map<String, String> values) {
		try (InputStream in = DeliveryStatusNotifications.class.getResourceAsStream("data/" + name)) {
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			Map<String, String> all = new HashMap<>(values);
			all.putIfAbsent("DATE", now());
			all.putIfAbsent("N", "1");
			for (Map.Entry<String, String> value : all.entrySet()) {
				text = text.replace("{{" + value.getKey() + "}}", value.getValue());
			}
			return text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A notification that returns the headers of the original message.
	 * @param id makes the notification's own Message-ID unique
	 * @param originalHeaders the returned headers (Message-ID,
	 * X-Tidings-Communication-Id)
	 */
	static String aNotification(String id, String recipient, String action, String status, String diagnostic,
			String originalHeaders) {
		return """
				Return-Path: <>
				Received: by mx.bank.example (Postfix) id 4Xb2Lq1Zc9z9vF; %7$s
				Date: %7$s
				From: MAILER-DAEMON@mx.bank.example (Mail Delivery System)
				Subject: Undelivered Mail Returned to Sender
				To: statements@bank.example
				Auto-Submitted: auto-replied
				MIME-Version: 1.0
				Content-Type: multipart/report; report-type=delivery-status;
				\tboundary="4Xb2Lq1Zc9z9vF.1759298462/mx.bank.example"
				Message-Id: <dsn-%1$s@mx.bank.example>

				This is a MIME-encapsulated message.

				--4Xb2Lq1Zc9z9vF.1759298462/mx.bank.example
				Content-Description: Notification
				Content-Type: text/plain; charset=us-ascii

				This is the mail system at host mx.bank.example.

				I'm sorry to have to inform you that your message could not
				be delivered to one or more recipients.

				--4Xb2Lq1Zc9z9vF.1759298462/mx.bank.example
				Content-Description: Delivery report
				Content-Type: message/delivery-status

				Reporting-MTA: dns; mx.bank.example
				X-Postfix-Queue-ID: 4Xb2Lq1Zc9z9vF
				X-Postfix-Sender: rfc822; statements@bank.example
				Arrival-Date: %7$s

				Final-Recipient: rfc822; %2$s
				Original-Recipient: rfc822;%2$s
				Action: %3$s
				Status: %4$s
				Remote-MTA: dns; mx.example.com
				Diagnostic-Code: smtp; %5$s

				--4Xb2Lq1Zc9z9vF.1759298462/mx.bank.example
				Content-Description: Undelivered Message Headers
				Content-Type: text/rfc822-headers

				%6$s
				From: Tidings Bank <statements@bank.example>
				Subject: Your statement
				MIME-Version: 1.0

				--4Xb2Lq1Zc9z9vF.1759298462/mx.bank.example--
				""".formatted(id, recipient, action, status, diagnostic, originalHeaders.strip(), now());
	}

	static String aHardBounce(String id, String recipient, String originalMessageId) {
		return aNotification(id, recipient, "failed", "5.1.1",
				"550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown in virtual mailbox table",
				"Message-ID: " + originalMessageId);
	}

	static String aSoftBounce(String id, String recipient, String originalMessageId) {
		return aNotification(id, recipient, "failed", "4.2.2", "452 4.2.2 <" + recipient + ">: Mailbox full",
				"Message-ID: " + originalMessageId);
	}

	/** Messages in mbox format. */
	static String mbox(String... messages) {
		StringBuilder mbox = new StringBuilder();
		for (String message : messages) {
			mbox.append("From MAILER-DAEMON  Wed Oct  1 06:01:02 2026\n").append(message).append('\n');
		}
		return mbox.toString();
	}

}
