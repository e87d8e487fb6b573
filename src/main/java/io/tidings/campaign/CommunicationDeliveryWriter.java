package io.tidings.campaign;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import io.tidings.ApplicationThreads;
import io.tidings.RunLogContext;
import io.tidings.CrashPoint;
import io.tidings.archive.DocumentArchive;
import io.tidings.outbox.Channel;
import io.tidings.outbox.ChannelSender;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CustomerRange;
import io.tidings.outbox.DeliveryFailedException;
import io.tidings.outbox.DeliveryInDoubtException;
import io.tidings.outbox.DeliveryResult;
import io.tidings.outbox.OutboxLedger;
import io.tidings.outbox.RecipientOptedOutException;
import io.tidings.outbox.RunRef;
import io.tidings.outbox.SendRate;
import io.tidings.outbox.TransientDeliveryException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The deliver stage: hands each rendered communication to its channel's transport and
 * records the result in the ledger in transactions of its own, not the chunk's: a chunk
 * that fails halfway (a server that drops the connection and stays away) never sends
 * again, when the run resumes, what it handed over before. Transient transport failures
 * are retried for that one communication with exponential backoff and random jitter (so
 * that throttled senders do not retry in step); when they persist the step fails and the
 * run can be restarted. A communication the transport refuses for good is recorded as
 * failed with the transport's reason; one whose recipient unsubscribed at the provider is
 * suppressed and the opt-out recorded. Before anything is handed over, the contact policy
 * is checked again ({@link DeliveryGate}): an opt-out recorded since planning suppresses
 * it, a closed send window defers it.
 * <p>
 * A transport that is not idempotent (SMTP, Twilio) gets each communication at most once:
 * the hand-over is recorded before it happens, and a run that stopped between the
 * hand-over and recording the transport's answer leaves that communication in doubt (at
 * most one per delivery thread). The resumed run records it as sent with reason
 * {@code in-doubt} and reports it, rather than risk a second message to the customer.
 * <p>
 * The communications of a chunk are delivered on {@code tidings.run.delivery-threads}
 * threads at once (a transport spends most of its time waiting for the server's answer),
 * each taking the chunk's next communication in turn, with its own gate check, pace slot
 * and retries. A thread records a transport's answer in the transaction that records its
 * next hand-over: one commit per communication, not two (see {@code DeliveryThread}), and
 * what threads record at the same moment goes into one commit ({@link GroupCommit}). The
 * chunk ends when all of them are recorded. The gate reads the chunk's customers and what
 * they allow once, before the chunk's first hand-over. The step itself, and its reader,
 * stay on one thread.
 */
class CommunicationDeliveryWriter implements ItemStreamWriter<Communication> {

	private static final Logger logger = LoggerFactory.getLogger(CommunicationDeliveryWriter.class);

	private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);

	private final OutboxLedger ledger;

	private final DocumentArchive archive;

	private final RunRef run;

	/**
	 * None when the whole run is delivered in this step; a partition's customers if not.
	 */
	private final @Nullable CustomerRange customers;

	private final DeliveryGate gate;

	private final Clock clock;

	private final RetryTemplate retry;

	private final TransactionTemplate ownTransaction;

	private final GroupCommit commits;

	private final SendRate pace;

	/** None when there is one delivery thread: the step's own delivers. */
	private final @Nullable ExecutorService deliveryThreads;

	private final int threadCount;

	private boolean opened;

	private final Map<Channel, AtomicInteger> handedOver = new EnumMap<>(Channel.class);

	CommunicationDeliveryWriter(List<ChannelSender> senders, OutboxLedger ledger, DocumentArchive archive, RunRef run,
			@Nullable CustomerRange customers, CampaignRunSettings settings, DeliveryGate gate, Clock clock,
			PlatformTransactionManager transactions) {
		this.customers = customers;
		this.gate = gate;
		this.clock = clock;
		senders.forEach(sender -> {
			this.senders.put(sender.channel(), sender);
			this.handedOver.put(sender.channel(), new AtomicInteger());
		});
		this.ledger = ledger;
		this.archive = archive;
		this.run = run;
		this.retry = new RetryTemplate(RetryPolicy.builder()
			.includes(TransientDeliveryException.class)
			.maxRetries(settings.retries())
			.delay(settings.retryDelay())
			.jitter(settings.retryDelay().dividedBy(2))
			.multiplier(2)
			.maxDelay(Duration.ofMinutes(1))
			.build());
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.commits = new GroupCommit(this.ownTransaction);
		this.pace = new SendRate(settings.maxDeliveriesPerSecond());
		this.threadCount = settings.deliveryThreads();
		this.deliveryThreads = (this.threadCount > 1) ? deliveryThreads(this.threadCount) : null;
	}

	/**
	 * Delivers the chunk's communications on the delivery threads and returns when all of
	 * them are recorded. Once one fails, those not yet started are left for the resumed
	 * run; the first failure is rethrown, any others suppressed in it.
	 */
	@Override
	public void write(Chunk<? extends Communication> chunk) {
		if (!this.opened) {
			CustomerRange range = this.customers;
			this.senders.values().forEach(sender -> {
				if (range == null) {
					sender.open(this.run);
				}
				else {
					sender.open(this.run, range);
				}
			});
			this.opened = true;
		}
		// committed at once: the customer file's consent flags it may record are then
		// seen by the delivery threads' own connections
		DeliveryGate.ChunkGate gate = recorded(() -> this.gate.read(chunk.getItems()));
		Queue<Communication> due = new ConcurrentLinkedQueue<>(chunk.getItems());
		Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
		ExecutorService threads = this.deliveryThreads;
		if (threads == null) {
			new DeliveryThread(gate, due, failures).run();
		}
		else {
			// join() waits for every delivery even when the step is interrupted: a
			// hand-over in flight is recorded, not abandoned
			CompletableFuture
				.allOf(IntStream.range(0, Math.min(this.threadCount, chunk.size()))
					.mapToObj(thread -> CompletableFuture
						.runAsync(RunLogContext.carry(new DeliveryThread(gate, due, failures)), threads))
					.toArray(CompletableFuture<?>[]::new))
				.join();
		}
		Throwable first = failures.poll();
		if (first == null) {
			return;
		}
		// threads whose updates were in one failed commit fail with the same exception
		failures.stream().filter((other) -> other != first).distinct().forEach(first::addSuppressed);
		if (first instanceof Error error) {
			throw error;
		}
		throw (RuntimeException) first;
	}

	private void deliver(Communication communication, DeliveryThread thread) {
		ChannelSender sender = this.senders.get(communication.channel());
		if (sender == null || communication.archivePath() == null) {
			throw new IllegalStateException("Cannot deliver " + communication.id() + " on " + communication.channel());
		}
		if (!thread.gate.mayDeliver(communication, this.clock.instant(), thread::later)) {
			return;
		}
		this.pace.acquire();
		if (!sender.idempotent() && !thread.recordedWith(() -> this.ledger.markHandedOver(communication.id()))) {
			return;
		}
		DeliveryResult result;
		try {
			result = this.retry
				.invoke(() -> sender.send(communication, this.archive.resolve(communication.archivePath())));
		}
		catch (RecipientOptedOutException ex) {
			logger.info("Communication {}: the recipient unsubscribed at the {} provider; opt-out recorded",
					communication.id(), communication.channel().folder());
			// at once: the customer's next communications read their consent again
			thread.recordNow(() -> thread.gate.optedOutAtProvider(communication, String.valueOf(ex.getMessage())));
			return;
		}
		catch (DeliveryFailedException ex) {
			logger.warn("Communication {} refused by the {} transport ({}); the reason is in the ledger",
					communication.id(), communication.channel().folder(), ex.reasonCode());
			thread.answered(sender,
					() -> this.ledger.markFailed(communication.id(), ex.reasonCode(), String.valueOf(ex.getMessage())));
			return;
		}
		catch (DeliveryInDoubtException ex) {
			logger.warn("Communication {}: the {} transport may or may not have taken it; recorded as sent in "
					+ "doubt, not handed over again", communication.id(), communication.channel().folder());
			thread.answered(sender,
					() -> this.ledger.markSentInDoubt(communication.id(), String.valueOf(ex.getMessage())));
			return;
		}
		catch (RuntimeException ex) {
			// the transport did not take it (still failing after the retries): the
			// resumed run hands it over again
			if (!sender.idempotent()) {
				thread.later(() -> this.ledger.clearHandOver(communication.id()));
			}
			throw ex;
		}
		CrashPoint.reach("deliver " + communication.channel().folder() + " handed over "
				+ this.handedOver.get(communication.channel()).incrementAndGet());
		thread.answered(sender, () -> this.ledger.markDelivered(communication.id(), result));
	}

	/**
	 * One delivery thread's walk through a chunk: it takes the chunk's next communication
	 * until none is left or another thread failed. What a transport answered is recorded
	 * in the transaction that records the thread's next hand-over (or, after its last
	 * one, in a transaction of its own), so that each communication handed over costs one
	 * commit, and a stop leaves at most the one this thread handed over last in doubt.
	 * What the gate holds back is recorded in the same transaction: it is checked again
	 * if the run stops before.
	 */
	private final class DeliveryThread implements Runnable {

		private final DeliveryGate.ChunkGate gate;

		private final Queue<Communication> due;

		private final Queue<Throwable> failures;

		/** Ledger updates to run in the next transaction, in order. */
		private final List<Runnable> unrecorded = new ArrayList<>();

		DeliveryThread(DeliveryGate.ChunkGate gate, Queue<Communication> due, Queue<Throwable> failures) {
			this.gate = gate;
			this.due = due;
			this.failures = failures;
		}

		@Override
		public void run() {
			try {
				for (Communication next = poll(); next != null; next = poll()) {
					deliver(next, this);
				}
				recordUnrecorded();
			}
			catch (RuntimeException | Error ex) {
				try {
					recordUnrecorded();
				}
				catch (RuntimeException | Error notRecorded) {
					ex.addSuppressed(notRecorded);
				}
				this.failures.add(ex);
			}
		}

		private @Nullable Communication poll() {
			return this.failures.isEmpty() ? this.due.poll() : null;
		}

		/** Records the update in the thread's next transaction. */
		void later(Runnable update) {
			this.unrecorded.add(update);
		}

		/**
		 * An idempotent transport's answer is recorded at once (it records no hand-over
		 * to fold it into); another's with the next hand-over.
		 */
		private void answered(ChannelSender sender, Runnable record) {
			this.unrecorded.add(record);
			if (sender.idempotent()) {
				recordUnrecorded();
			}
		}

		private void recordNow(Runnable update) {
			this.unrecorded.add(update);
			recordUnrecorded();
		}

		private void recordUnrecorded() {
			if (!this.unrecorded.isEmpty()) {
				recordedWith(() -> Boolean.TRUE);
			}
		}

		/**
		 * What is unrecorded and then the update, committed together (and with what the
		 * other delivery threads record at the same moment).
		 */
		private <T> T recordedWith(Supplier<T> update) {
			T value = CommunicationDeliveryWriter.this.commits.commit(() -> {
				this.unrecorded.forEach(Runnable::run);
				return update.get();
			});
			this.unrecorded.clear();
			return value;
		}

	}

	/**
	 * Settles what a stopped run handed to a transport without recording the answer (see
	 * {@link OutboxLedger#settleInDoubt}), before anything is handed over again.
	 */
	@Override
	public void open(ExecutionContext executionContext) {
		CustomerRange range = this.customers;
		int inDoubt = recorded(() -> (range != null) ? this.ledger.settleInDoubt(this.run, range)
				: this.ledger.settleInDoubt(this.run));
		if (inDoubt > 0) {
			logger.warn("Recovered after a stop: {} communication(s) had been handed to their transport but the answer "
					+ "was not recorded; recorded as sent with reason 'in-doubt', not sent again", inDoubt);
		}
	}

	/**
	 * Releases the transports' connections when the step ends, however it ends.
	 */
	@Override
	public void close() {
		if (this.deliveryThreads != null) {
			this.deliveryThreads.shutdown();
		}
		this.senders.values().forEach(ChannelSender::close);
	}

	/**
	 * Daemon threads, so that a step that never closed its writer cannot keep the process
	 * alive.
	 */
	private static ExecutorService deliveryThreads(int count) {
		return Executors.newFixedThreadPool(count, ApplicationThreads.named("deliver-"));
	}

	/** What a transport did is committed at once, whatever happens to the chunk. */
	private <T> T recorded(Supplier<T> update) {
		return this.ownTransaction.execute(status -> update.get());
	}

}
