package io.tidings.email;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import io.tidings.outbox.Channel;
import io.tidings.outbox.ChannelSender;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.DeliveryFailedException;
import io.tidings.outbox.DeliveryResult;
import io.tidings.outbox.TransientDeliveryException;

import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Sends the archived MIME message, byte for byte, over SMTP. A permanent refusal (5xx)
 * fails that email with the server's reply; anything else (4xx, connection trouble) is
 * transient and retried.
 */
class SmtpEmailSender implements ChannelSender {

	private final JavaMailSenderImpl mailSender;

	SmtpEmailSender(JavaMailSenderImpl mailSender) {
		this.mailSender = mailSender;
	}

	@Override
	public Channel channel() {
		return Channel.EMAIL;
	}

	@Override
	public DeliveryResult send(Communication communication, Path document) {
		MimeMessage message;
		String messageId;
		try (InputStream in = Files.newInputStream(document)) {
			message = new MimeMessage(this.mailSender.getSession(), in);
			messageId = message.getMessageID();
		}
		catch (IOException | MessagingException ex) {
			throw new DeliveryFailedException("archived email cannot be read: " + ex.getMessage(), ex);
		}
		try {
			this.mailSender.send(message);
		}
		catch (MailSendException ex) {
			int code = replyCode(ex);
			if (code >= 500) {
				throw new DeliveryFailedException("SMTP server refused the message: " + code + " " + ex.getMessage(),
						ex);
			}
			throw new TransientDeliveryException("SMTP delivery failed, will retry: " + ex.getMessage(), ex);
		}
		catch (MailException ex) {
			throw new TransientDeliveryException("SMTP delivery failed, will retry: " + ex.getMessage(), ex);
		}
		return new DeliveryResult(CommunicationState.SENT, messageId);
	}

	private static int replyCode(MailSendException ex) {
		for (Exception failure : ex.getFailedMessages().values()) {
			Throwable cause = failure;
			while (cause != null) {
				if (cause instanceof SMTPSendFailedException sendFailed) {
					return sendFailed.getReturnCode();
				}
				if (cause instanceof SMTPAddressFailedException addressFailed) {
					return addressFailed.getReturnCode();
				}
				if (cause instanceof SendFailedException sendFailed && sendFailed.getNextException() != null
						&& cause != sendFailed.getNextException()) {
					cause = sendFailed.getNextException();
					continue;
				}
				cause = cause.getCause();
			}
		}
		return -1;
	}

}
