package io.tidings.sms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
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
import java.util.function.Predicate;

import io.tidings.OwnerOnly;
import io.tidings.archive.AtomicFiles;
import io.tidings.outbox.Channel;
import io.tidings.outbox.ChannelSender;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.Communications;
import io.tidings.outbox.CustomerRange;
import io.tidings.outbox.DeliveryResult;
import io.tidings.outbox.RunRef;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default when Twilio is not configured: messages are appended as JSON lines
 * to {@code out/<campaign>/<run>/sms/outbox.jsonl}. A line is appended before the ledger
 * records the message as sent; when a run resumes after a crash, lines the ledger does
 * not know as sent (and a torn last line) are removed first, so that every message is in
 * the file exactly once. When workers deliver partitions of a run side by side, each
 * reconciles only the lines of its own customers, and appends and reconciliations take
 * turns under a file lock ({@code sms/.outbox.jsonl.lock}).
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
		reconcile(run,
				id -> this.communications.find(id)
					.map(communication -> NOT_YET_SENT.contains(communication.state()))
					.orElse(true));
	}

	@Override
	public void open(RunRef run, CustomerRange customers) {
		Set<CommunicationId> notYetSent = this.communications.findNotYetSent(run, Channel.SMS, customers);
		reconcile(run, notYetSent::contains);
	}

	/**
	 * Removes the lines of messages the ledger does not record as sent (a crash cut them
	 * off between the line and the ledger), second lines of one message and torn lines.
	 */
	private synchronized void reconcile(RunRef run, Predicate<CommunicationId> unrecorded) {
		Path file = outbox(run);
		if (!Files.exists(file)) {
			return;
		}
		try {
			locked(file, () -> {
				List<String> kept = new ArrayList<>();
				Set<String> seen = new HashSet<>();
				int dropped = 0;
				for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
					Optional<String> id = communicationId(line);
					if (id.isPresent() && seen.add(id.get()) && !unrecorded.test(new CommunicationId(id.get()))) {
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
			});
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
	 * One line at a time, whole, however many threads and processes deliver: only the
	 * last line can be torn by a crash.
	 */
	private synchronized void append(Path file, byte[] line) throws IOException {
		locked(file, () -> {
			if (!Files.exists(file)) {
				Files.write(file, new byte[0], StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				OwnerOnly.restrictFile(file);
			}
			Files.write(file, line, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
		});
	}

	/**
	 * Runs an action on the outbox holding a lock that workers in other processes (on
	 * this host or others sharing the home) respect: a reconciliation rewrites the file,
	 * and a line another process appended meanwhile would be lost. The lock is on a file
	 * of its own beside the outbox, because the outbox itself is replaced when rewritten.
	 * Callers hold this object's monitor: a process may hold the lock only once.
	 */
	private static void locked(Path file, OutboxAction action) throws IOException {
		OwnerOnly.folders(file.getParent());
		Path lockFile = file.resolveSibling("." + file.getFileName() + ".lock");
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
			FileLock lock = channel.lock();
			try {
				OwnerOnly.restrictFile(lockFile);
				action.run();
			}
			finally {
				lock.release();
			}
		}
	}

	@FunctionalInterface
	private interface OutboxAction {

		void run() throws IOException;

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
