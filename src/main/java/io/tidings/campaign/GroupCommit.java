package io.tidings.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits what several delivery threads record at about the same moment in one
 * transaction: a thread that finds no commit under way commits its own update together
 * with those queued meanwhile, and the others wait for that commit. Each update is
 * durable when its call returns, as in a transaction of its own. An embedded database's
 * commit writes every changed page of the ledger's table and indexes, and one commit at a
 * time: four updates in one commit cost little more than one, so the delivery threads no
 * longer take turns at the commit. When the transaction fails, each update in it fails
 * with that exception.
 */
final class GroupCommit {

	private final TransactionTemplate transaction;

	private final Object lock = new Object();

	private List<Update<?>> queued = new ArrayList<>();

	private boolean committing;

	/**
	 * @param transaction a transaction of its own (not the chunk's)
	 */
	GroupCommit(TransactionTemplate transaction) {
		this.transaction = transaction;
	}

	/**
	 * Runs the update in the next commit and returns its result once committed.
	 */
	<T> T commit(Supplier<T> work) {
		Update<T> update = new Update<>(work);
		List<Update<?>> batch;
		boolean interrupted = false;
		synchronized (this.lock) {
			this.queued.add(update);
			// a thread in the commit under way waits for its end whatever happens:
			// returning earlier would not tell whether its update was committed
			while (this.committing && !update.done) {
				try {
					this.lock.wait();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
			if (update.done) {
				return update.result();
			}
			this.committing = true;
			batch = this.queued;
			this.queued = new ArrayList<>();
		}
		RuntimeException failed = null;
		Error error = null;
		try {
			this.transaction.executeWithoutResult((status) -> batch.forEach(Update::run));
		}
		catch (RuntimeException ex) {
			failed = ex;
		}
		catch (Error ex) {
			error = ex;
		}
		synchronized (this.lock) {
			for (Update<?> done : batch) {
				done.failure = (error != null) ? error : failed;
				done.done = true;
			}
			this.committing = false;
			this.lock.notifyAll();
		}
		return update.result();
	}

	/** One thread's update; its fields are read and written under the lock. */
	private static final class Update<T> {

		private final Supplier<T> work;

		private @Nullable T value;

		private @Nullable Throwable failure;

		private boolean done;

		Update(Supplier<T> work) {
			this.work = work;
		}

		void run() {
			this.value = this.work.get();
		}

		T result() {
			if (this.failure instanceof RuntimeException ex) {
				throw ex;
			}
			if (this.failure instanceof Error ex) {
				throw ex;
			}
			return this.value;
		}

	}

}
