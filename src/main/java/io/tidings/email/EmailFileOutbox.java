package io.tidings.email;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.tidings.archive.AtomicFiles;
import io.tidings.outbox.Channel;
import io.tidings.outbox.ChannelSender;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.DeliveryResult;

/**
 * The embedded default when no SMTP server is configured: each email is written as
 * {@code out/<campaign>/<run>/email/<id>.eml}, named by communication id and written
 * atomically, so a redelivery replaces the file instead of duplicating it.
 */
class EmailFileOutbox implements ChannelSender {

	private final Path out;

	private final AtomicFiles files;

	EmailFileOutbox(Path out, AtomicFiles files) {
		this.out = out;
		this.files = files;
	}

	@Override
	public Channel channel() {
		return Channel.EMAIL;
	}

	@Override
	public DeliveryResult send(Communication communication, Path document) {
		Path target = communication.run().outputFolder(this.out, Channel.EMAIL).resolve(communication.id() + ".eml");
		try {
			this.files.copy(document, target);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + target, ex);
		}
		return new DeliveryResult(CommunicationState.SENT, this.out.relativize(target).toString());
	}

}
