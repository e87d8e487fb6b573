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
		boolean interrupted = false;
		try {
			List<Update<?>> batch;
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
				if (update.done) {
					return update.result();
				}
				this.committing = true;
				batch = this.queued;
				this.queued = new ArrayList<>();
			}
			Throwable failure = null;
			try {
				this.transaction.executeWithoutResult((status) -> batch.forEach(Update::run));
			}
			catch (RuntimeException | Error ex) {
				failure = ex;
			}
			finally {
				synchronized (this.lock) {
					for (Update<?> committed : batch) {
						committed.failure = failure;
						committed.done = true;
					}
					this.committing = false;
					this.lock.notifyAll();
				}
			}
			return update.result();
		}
		finally {
			// the interrupt is kept for the caller, not passed to the database's
			// file channel in the commit
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * One thread's update: its value is set in the commit, and read by its thread once
	 * the commit has marked it done under the lock.
	 */
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
