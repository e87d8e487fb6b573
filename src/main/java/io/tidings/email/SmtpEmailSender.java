package io.tidings.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jspecify.annotations.Nullable;

import io.tidings.outbox.Channel;
import io.tidings.outbox.ChannelSender;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.DeliveryFailedException;
import io.tidings.outbox.DeliveryInDoubtException;
import io.tidings.outbox.DeliveryResult;
import io.tidings.outbox.TransientDeliveryException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Sends the archived MIME message, byte for byte, over SMTP, on one connection per
 * delivery thread that stays open from message to message (a connection per message costs
 * a TCP and TLS handshake, EHLO and AUTH each time). Server, port, credentials and
 * STARTTLS come from Spring Boot's {@code spring.mail.*} properties. A connection the
 * server dropped is reopened once, at once, before the message counts as failed. A
 * permanent refusal (5xx) fails that email with the server's reply; anything else (4xx,
 * connection trouble) is transient and retried by the deliver stage with backoff, except
 * a connection that fails after the whole message was sent and before the server's
 * answer: that email is in doubt and not sent again. With a {@link VerpAddress} the
 * envelope sender ({@code MAIL FROM}, where bounces go) carries the communication id.
 */
class SmtpEmailSender implements ChannelSender {

	private static final Logger logger = LoggerFactory.getLogger(SmtpEmailSender.class);

	private static final Pattern EMAIL_ADDRESS = Pattern.compile("<?[^\\s<>@]+@[^\\s<>]+>?");

	private final JavaMailSenderImpl mailSender;

	private final ThreadLocal<@Nullable Transport> transport = new ThreadLocal<>();

	private final Set<Transport> open = ConcurrentHashMap.newKeySet();

	private final boolean pooled;

	private final @Nullable VerpAddress verp;

	SmtpEmailSender(JavaMailSenderImpl mailSender, @Nullable VerpAddress verp) {
		this(mailSender, true, verp);
	}

	/**
	 * @param pooled keep the connection open between messages; {@code false} opens one
	 * per message (only to measure the difference)
	 * @param verp the per-message envelope sender, or {@code null} for the From address
	 */
	SmtpEmailSender(JavaMailSenderImpl mailSender, boolean pooled, @Nullable VerpAddress verp) {
		this.mailSender = mailSender;
		this.pooled = pooled;
		this.verp = verp;
	}

	@Override
	public Channel channel() {
		return Channel.EMAIL;
	}

	@Override
	public boolean idempotent() {
		return false;
	}

	@Override
	public DeliveryResult send(Communication communication, Path document) {
		ArchivedMessage message;
		String messageId;
		Address[] recipients;
		try (InputStream in = Files.newInputStream(document)) {
			message = new ArchivedMessage(this.mailSender.getSession(), in);
			if (this.verp != null) {
				message.setEnvelopeFrom(this.verp.of(communication.id()));
			}
			messageId = message.getMessageID();
			recipients = message.getAllRecipients();
		}
		catch (IOException | MessagingException ex) {
			throw new DeliveryFailedException("archived email cannot be read: " + ex.getMessage(), ex);
		}
		if (recipients == null || recipients.length == 0) {
			throw new DeliveryFailedException("archived email has no recipient");
		}
		try {
			transmit(message, recipients);
		}
		finally {
			if (!this.pooled) {
				dropConnection();
			}
		}
		return new DeliveryResult(CommunicationState.SENT, messageId);
	}

	/**
	 * Closes the connections of every thread.
	 */
	@Override
	public void close() {
		for (Transport connection : this.open) {
			disconnect(connection);
		}
		this.transport.remove();
	}

	private void transmit(ArchivedMessage message, Address[] recipients) {
		boolean reused = this.transport.get() != null;
		try {
			message.written = false;
			connection().sendMessage(message, recipients);
		}
		catch (SendFailedException ex) {
			dropConnection();
			int code = replyCode(ex);
			DeliveryInDoubtException doubt = (code < 0) ? inDoubt(message, ex) : null;
			if (doubt != null) {
				throw doubt;
			}
			if (code >= 500) {
				throw new DeliveryFailedException("SMTP server refused the message: " + reply(code, ex), ex);
			}
			if (code < 0 && reused) {
				resendOnNewConnection(message, recipients, ex);
				return;
			}
			throw retryLater(serverReply(ex), ex);
		}
		catch (MessagingException ex) {
			DeliveryInDoubtException doubt = inDoubt(message, ex);
			dropConnection();
			if (doubt != null) {
				throw doubt;
			}
			if (reused) {
				resendOnNewConnection(message, recipients, ex);
				return;
			}
			throw new TransientDeliveryException("SMTP delivery failed, will retry: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A connection kept open may have been closed by the server since the last message
	 * (idle timeout, restart, a limit of messages per connection): one more try on a
	 * fresh connection tells that apart from a server that is really unreachable.
	 */
	private void resendOnNewConnection(ArchivedMessage message, Address[] recipients, MessagingException first) {
		logger.info("SMTP connection lost ({}); reconnecting", first.getClass().getSimpleName());
		try {
			message.written = false;
			connection().sendMessage(message, recipients);
		}
		catch (SendFailedException ex) {
			dropConnection();
			int code = replyCode(ex);
			DeliveryInDoubtException doubt = (code < 0) ? inDoubt(message, ex) : null;
			if (doubt != null) {
				throw doubt;
			}
			if (code >= 500) {
				throw new DeliveryFailedException("SMTP server refused the message: " + reply(code, ex), ex);
			}
			throw retryLater(serverReply(ex), ex);
		}
		catch (MessagingException ex) {
			DeliveryInDoubtException doubt = inDoubt(message, ex);
			dropConnection();
			if (doubt != null) {
				throw doubt;
			}
			throw new TransientDeliveryException("SMTP delivery failed, will retry: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The whole message had been written to the server when the connection failed or
	 * timed out: the server may have taken it without its answer reaching us (RFC 1047),
	 * so sending it again could deliver it twice.
	 */
	private static @Nullable DeliveryInDoubtException inDoubt(ArchivedMessage message, MessagingException ex) {
		if (message.written) {
			return new DeliveryInDoubtException(
					"SMTP connection failed after the message data was sent, before the server answered: "
							+ ex.getMessage(),
					ex);
		}
		return null;
	}

	private Transport connection() throws MessagingException {
		Transport current = this.transport.get();
		if (current != null) {
			return current;
		}
		String protocol = this.mailSender.getProtocol();
		Transport fresh = this.mailSender.getSession().getTransport((protocol != null) ? protocol : "smtp");
		String username = this.mailSender.getUsername();
		String password = this.mailSender.getPassword();
		if (username == null || username.isEmpty()) {
			username = null;
			password = null;
		}
		try {
			fresh.connect(this.mailSender.getHost(), this.mailSender.getPort(), username, password);
		}
		catch (MessagingException ex) {
			if (String.valueOf(ex.getMessage()).contains("STARTTLS is required")) {
				throw new MessagingException(
						"the SMTP server " + this.mailSender.getHost() + ":" + this.mailSender.getPort()
								+ " does not offer STARTTLS, which "
								+ "spring.mail.properties.mail.smtp.starttls.required asks for: nothing was sent to it",
						ex);
			}
			throw ex;
		}
		this.transport.set(fresh);
		this.open.add(fresh);
		return fresh;
	}

	private void dropConnection() {
		Transport current = this.transport.get();
		this.transport.remove();
		if (current != null) {
			disconnect(current);
		}
	}

	private void disconnect(Transport connection) {
		this.open.remove(connection);
		try {
			connection.close();
		}
		catch (MessagingException ex) {
			logger.debug("Closing an SMTP connection failed", ex);
		}
	}

	/**
	 * A recipient the server will not take yet, without the addresses its reply quotes (a
	 * failed run is logged and reported with its causes), and so without the mail
	 * exception, whose message and causes quote them too.
	 */
	private static TransientDeliveryException retryLater(String reply, SendFailedException ex) {
		return new TransientDeliveryException("SMTP delivery failed, will retry: "
				+ EMAIL_ADDRESS.matcher(reply).replaceAll("<recipient>") + " (" + ex.getClass().getSimpleName() + ")");
	}

	private static String reply(int code, MessagingException ex) {
		String reply = serverReply(ex);
		return reply.startsWith(String.valueOf(code)) ? reply : code + " " + reply;
	}

	private static String serverReply(MessagingException ex) {
		Exception next = ex.getNextException();
		String reply = (next instanceof MessagingException nested && nested.getMessage() != null) ? nested.getMessage()
				: ex.getMessage();
		return String.valueOf(reply).strip();
	}

	private static int replyCode(MessagingException ex) {
		Throwable cause = ex;
		while (cause != null) {
			if (cause instanceof SMTPSendFailedException sendFailed) {
				return sendFailed.getReturnCode();
			}
			if (cause instanceof SMTPAddressFailedException addressFailed) {
				return addressFailed.getReturnCode();
			}
			if (cause instanceof MessagingException messaging && messaging.getNextException() != null
					&& messaging.getNextException() != cause) {
				cause = messaging.getNextException();
				continue;
			}
			cause = cause.getCause();
		}
		return -1;
	}

	/**
	 * An archived message that knows whether it was written out whole to the server, the
	 * point after which only the end of the data and the server's answer remain.
	 */
	private static final class ArchivedMessage extends SMTPMessage {

		private volatile boolean written;

		ArchivedMessage(Session session, InputStream in) throws MessagingException {
			super(session, in);
		}

		@Override
		public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
			super.writeTo(out, ignoreList);
			this.written = true;
		}

	}

}
