package io.tidings.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
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
		Commits commits = new Commits(false);
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
		// given a first commit that fails while other threads wait for it
		Commits commits = new Commits(true);
		GroupCommit group = new GroupCommit(new TransactionTemplate(commits));
		CountDownLatch waiting = new CountDownLatch(1);
		AtomicInteger failed = new AtomicInteger();
		// when two threads record while the failing commit is under way
		CompletableFuture<?> leader = CompletableFuture.runAsync(() -> {
			try {
				group.commit(() -> {
					waiting.countDown();
					return 1;
				});
			}
			catch (TransactionSystemException ex) {
				failed.incrementAndGet();
			}
		}, this.threads);
		waiting.await(10, TimeUnit.SECONDS);
		List<CompletableFuture<Integer>> later = List.of(
				CompletableFuture.supplyAsync(() -> group.commit(() -> 2), this.threads),
				CompletableFuture.supplyAsync(() -> group.commit(() -> 3), this.threads));
		leader.get(10, TimeUnit.SECONDS);
		// then the failed commit's update fails, the ones after it are committed
		assertThat(failed).hasValue(1);
		assertThat(later.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(2);
		assertThat(later.get(1).get(10, TimeUnit.SECONDS)).isEqualTo(3);
		assertThatExceptionOfType(TransactionSystemException.class)
			.isThrownBy(() -> new GroupCommit(new TransactionTemplate(new Commits(true))).commit(() -> 4))
			.withMessage("commit refused");
	}

	/** Commits that take 5 ms each; the first one fails if asked to. */
	private static final class Commits extends AbstractPlatformTransactionManager {

		private final AtomicBoolean failFirst;

		final AtomicBoolean active = new AtomicBoolean();

		final AtomicInteger committed = new AtomicInteger();

		final Set<Integer> pending = ConcurrentHashMap.newKeySet();

		final Set<Integer> durable = ConcurrentHashMap.newKeySet();

		Commits(boolean failFirst) {
			this.failFirst = new AtomicBoolean(failFirst);
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
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (this.failFirst.getAndSet(false)) {
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
