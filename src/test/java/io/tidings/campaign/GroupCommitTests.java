package io.tidings.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GroupCommitTests {

	private final ExecutorService threads = Executors.newFixedThreadPool(4);

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
	}

	@Test
	@Timeout(60)
	void shouldGiveEachThreadItsOwnResultOnceCommittedAndShareCommits() throws Exception {
		// given a transaction manager whose commits take a while, as an embedded
		// database's do
		Commits commits = new Commits(0);
		GroupCommit group = new GroupCommit(new TransactionTemplate(commits));
		AtomicInteger runInTransaction = new AtomicInteger();
		// when four threads record 50 updates each
		List<CompletableFuture<List<Integer>>> results = new ArrayList<>();
		for (int thread = 0; thread < 4; thread++) {
			int first = thread * 1000;
			results.add(CompletableFuture.supplyAsync(() -> {
				List<Integer> values = new ArrayList<>();
				for (int i = 0; i < 50; i++) {
					int value = first + i;
					values.add(group.commit(() -> {
						assertThat(commits.active.get()).as("run inside a transaction").isTrue();
						runInTransaction.incrementAndGet();
						commits.pending.add(value);
						return value;
					}));
					assertThat(commits.durable).as("its update committed before the call returns").contains(value);
				}
				return values;
			}, this.threads));
		}
		// then each gets its own values, in order, and updates share commits
		for (int thread = 0; thread < 4; thread++) {
			int first = thread * 1000;
			assertThat(results.get(thread).get(30, TimeUnit.SECONDS))
				.containsExactlyElementsOf(IntStream.range(first, first + 50).boxed().toList());
		}
		assertThat(runInTransaction).hasValue(200);
		assertThat(commits.committed.get()).isLessThan(200).isPositive();
	}

	@Test
	@Timeout(60)
	void shouldFailEveryUpdateOfAFailedCommitAndGoOnWithTheNext() throws Exception {
		// given a first commit held while two threads queue behind it, and a second
		// commit, theirs, that fails
		Commits commits = new Commits(2);
		GroupCommit group = new GroupCommit(new TransactionTemplate(commits));
		CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> group.commit(() -> record(commits, 1)),
				this.threads);
		assertThat(commits.firstCommitting.await(10, TimeUnit.SECONDS)).isTrue();
		List<CompletableFuture<Integer>> queued = List.of(
				CompletableFuture.supplyAsync(() -> group.commit(() -> record(commits, 2)), this.threads),
				CompletableFuture.supplyAsync(() -> group.commit(() -> record(commits, 3)), this.threads));
		Thread.sleep(300);
		// when the first commit ends
		commits.releaseFirst.countDown();
		// then the first update is committed, both queued ones fail with their commit and
		// are not committed, and the next commit goes on
		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
		for (CompletableFuture<Integer> update : queued) {
			assertThat(update).failsWithin(10, TimeUnit.SECONDS)
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(TransactionSystemException.class)
				.withMessage("commit refused");
		}
		assertThat(commits.durable).containsExactly(1);
		assertThat(group.commit(() -> record(commits, 4))).isEqualTo(4);
		assertThat(commits.durable).containsExactlyInAnyOrder(1, 4);
	}

	private static int record(Commits commits, int value) {
		commits.pending.add(value);
		return value;
	}

	/**
	 * Commits that take 5 ms each; the first one waits for a signal when another commit
	 * is to fail, and that one fails.
	 */
	private static final class Commits extends AbstractPlatformTransactionManager {

		private final int failing;

		private final AtomicInteger commits = new AtomicInteger();

		final CountDownLatch firstCommitting = new CountDownLatch(1);

		final CountDownLatch releaseFirst = new CountDownLatch(1);

		final AtomicBoolean active = new AtomicBoolean();

		final AtomicInteger committed = new AtomicInteger();

		final Set<Integer> pending = ConcurrentHashMap.newKeySet();

		final Set<Integer> durable = ConcurrentHashMap.newKeySet();

		/**
		 * @param failing the commit that fails (1 for the first), 0 for none
		 */
		Commits(int failing) {
			this.failing = failing;
		}

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
			assertThat(this.active.getAndSet(true)).as("one transaction at a time").isFalse();
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
			int commit = this.commits.incrementAndGet();
			try {
				if (commit == 1 && this.failing > 1) {
					this.firstCommitting.countDown();
					this.releaseFirst.await(10, TimeUnit.SECONDS);
				}
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (commit == this.failing) {
				this.pending.clear();
				this.active.set(false);
				throw new TransactionSystemException("commit refused");
			}
			this.durable.addAll(this.pending);
			this.pending.clear();
			this.active.set(false);
			this.committed.incrementAndGet();
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
			this.pending.clear();
			this.active.set(false);
		}

	}

}
