package io.tidings.print;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.tidings.TidingsHome;
import io.tidings.archive.AtomicFiles;
import io.tidings.outbox.Channel;
import io.tidings.outbox.ChannelSender;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.DeliveryResult;

import org.springframework.stereotype.Component;

/**
 * Hands print documents to the print shop as {@code out/<campaign>/<run>/print/<id>.pdf}.
 * Files are named by communication id and written atomically, so delivering the same
 * communication again after a crash replaces the file instead of adding a second letter.
 */
@Component
class PrintFileSender implements ChannelSender {

	private final Path out;

	private final AtomicFiles files;

	PrintFileSender(TidingsHome home, AtomicFiles files) {
		this.out = home.out();
		this.files = files;
	}

	@Override
	public Channel channel() {
		return Channel.PRINT;
	}

	@Override
	public DeliveryResult send(Communication communication, Path document) {
		Path target = PrintManifest.printFolder(this.out, communication.run()).resolve(communication.id() + ".pdf");
		try {
			this.files.copy(document, target);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write print file " + target, ex);
		}
		return new DeliveryResult(CommunicationState.PRINTED, this.out.relativize(target).toString());
	}

}
