package io.tidings.sms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.tidings.OwnerOnly;
import io.tidings.archive.AtomicFiles;
import io.tidings.outbox.Channel;
import io.tidings.outbox.ChannelSender;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DeliveryResult;
import io.tidings.outbox.RunRef;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default when Twilio is not configured: messages are appended as JSON lines
 * to {@code out/<campaign>/<run>/sms/outbox.jsonl}. A line is appended before the ledger
 * records the message as sent; when a run resumes after a crash, lines the ledger does
 * not know as sent (and a torn last line) are removed first, so that every message is in
 * the file exactly once.
 */
class SmsFileOutbox implements ChannelSender {

	private static final Logger logger = LoggerFactory.getLogger(SmsFileOutbox.class);

	private static final Set<CommunicationState> NOT_YET_SENT = EnumSet.of(CommunicationState.PLANNED,
			CommunicationState.RENDERED);

	private final Path out;

	private final AtomicFiles files;

	private final Communications communications;

	SmsFileOutbox(Path out, AtomicFiles files, Communications communications) {
		this.out = out;
		this.files = files;
		this.communications = communications;
	}

	@Override
	public Channel channel() {
		return Channel.SMS;
	}

	@Override
	public void open(RunRef run) {
		Path file = outbox(run);
		if (!Files.exists(file)) {
			return;
		}
		try {
			List<String> kept = new ArrayList<>();
			Set<String> seen = new HashSet<>();
			int dropped = 0;
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				Optional<String> id = communicationId(line);
				boolean recorded = id.isPresent() && seen.add(id.get())
						&& this.communications.find(new CommunicationId(id.get()))
							.map(communication -> !NOT_YET_SENT.contains(communication.state()))
							.orElse(false);
				if (recorded) {
					kept.add(line);
				}
				else {
					dropped++;
				}
			}
			if (dropped > 0) {
				this.files.write(file,
						(String.join("\n", kept) + (kept.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8));
				logger.info("SMS outbox of {}: removed {} line(s) a crash left unrecorded; they will be sent again",
						run, dropped);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot reconcile SMS outbox " + file, ex);
		}
	}

	@Override
	public DeliveryResult send(Communication communication, Path document) {
		Path file = outbox(communication.run());
		try {
			SmsMessage message = SmsMessage.fromJson(Files.readAllBytes(document));
			byte[] line = (new String(message.toJson(), StandardCharsets.UTF_8) + "\n")
				.getBytes(StandardCharsets.UTF_8);
			append(file, line);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot append to SMS outbox " + file, ex);
		}
		return new DeliveryResult(CommunicationState.SENT, this.out.relativize(file) + "#" + communication.id());
	}

	/**
	 * One line at a time, whole, however many threads deliver: only the last line can be
	 * torn by a crash.
	 */
	private synchronized void append(Path file, byte[] line) throws IOException {
		OwnerOnly.folders(file.getParent());
		if (!Files.exists(file)) {
			Files.write(file, new byte[0], StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			OwnerOnly.restrictFile(file);
		}
		Files.write(file, line, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
	}

	private Path outbox(RunRef run) {
		return run.outputFolder(this.out, Channel.SMS).resolve("outbox.jsonl");
	}

	private static Optional<String> communicationId(String line) {
		try {
			return Optional.of(SmsMessage.fromJson(line.getBytes(StandardCharsets.UTF_8)).communicationId());
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

}
