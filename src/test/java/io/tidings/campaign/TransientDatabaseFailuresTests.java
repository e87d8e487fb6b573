package io.tidings.campaign;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tasklet step guarded by {@link TransientDatabaseFailures}, on a real H2 database with
 * a real row lock held by another connection: the piece of work is done again once the
 * row is free, and exactly once; a failure that is not transient, or a lock that stays,
 * fails the step.
 */
class TransientDatabaseFailuresTests {

	@TempDir
	Path folder;

	@Test
	void shouldDoThePieceOfWorkAgainOnceTheRowItWaitedForIsFree() throws Exception {
		try (HikariDataSource database = database(); Connection other = database.getConnection()) {
			// given another transaction holding the envelope's row until the step's
			// second
			// attempt
			JdbcTemplate jdbc = new JdbcTemplate(database);
			hold(other);
			AtomicInteger attempts = new AtomicInteger();
			Tasklet addDocument = (contribution, chunk) -> {
				if (attempts.incrementAndGet() == 2) {
					other.commit();
				}
				jdbc.update("UPDATE envelope SET documents = documents + 1 WHERE envelope_id = 1");
				return RepeatStatus.FINISHED;
			};
			// when
			StepExecution execution = execute(database, addDocument);
			// then
			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(attempts).as("refused while the row was held, then done").hasValue(2);
			assertThat(jdbc.queryForObject("SELECT documents FROM envelope", Integer.class))
				.as("the other transaction's 10 and this step's one document, once")
				.isEqualTo(11);
		}
	}

	@Test
	void shouldFailTheStepWhenTheRowStaysHeld() throws Exception {
		try (HikariDataSource database = database(); Connection other = database.getConnection()) {
			JdbcTemplate jdbc = new JdbcTemplate(database);
			hold(other);
			AtomicInteger attempts = new AtomicInteger();
			StepExecution execution = execute(database, (contribution, chunk) -> {
				attempts.incrementAndGet();
				jdbc.update("UPDATE envelope SET documents = documents + 1 WHERE envelope_id = 1");
				return RepeatStatus.FINISHED;
			});
			assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(attempts).as("the first attempt and three more").hasValue(4);
			other.rollback();
		}
	}

	@Test
	void shouldNotRepeatAFailureOfTheJobRepository() throws Exception {
		assertFailsTheStepAtOnce(
				new OptimisticLockingFailureException("Attempt to update step execution id=1 with wrong version"));
	}

	@Test
	void shouldFailTheStepAtOnceOnAFailureThatIsNotTransient() throws Exception {
		assertFailsTheStepAtOnce(new IllegalStateException("The print streams are not all written yet"));
	}

	private void assertFailsTheStepAtOnce(RuntimeException failure) throws Exception {
		try (HikariDataSource database = database()) {
			AtomicInteger attempts = new AtomicInteger();
			StepExecution execution = execute(database, (contribution, chunk) -> {
				attempts.incrementAndGet();
				throw failure;
			});
			assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(attempts).hasValue(1);
		}
	}

	private HikariDataSource database() {
		HikariDataSource database = new HikariDataSource();
		// a lock waited for 100 ms, not H2's 2 s, to keep the test short
		database.setJdbcUrl("jdbc:h2:file:" + this.folder.resolve("tidings") + ";WRITE_DELAY=0;LOCK_TIMEOUT=100");
		database.setUsername("sa");
		new JdbcTemplate(database).execute("CREATE TABLE IF NOT EXISTS envelope (envelope_id INT PRIMARY KEY,"
				+ " documents INT NOT NULL); MERGE INTO envelope KEY (envelope_id) VALUES (1, 0)");
		return database;
	}

	private static void hold(Connection other) throws SQLException {
		other.setAutoCommit(false);
		try (Statement sql = other.createStatement()) {
			sql.executeUpdate("UPDATE envelope SET documents = 10 WHERE envelope_id = 1");
		}
	}

	private static StepExecution execute(HikariDataSource database, Tasklet tasklet) throws Exception {
		ResourcelessJobRepository repository = new ResourcelessJobRepository();
		JobInstance instance = repository.createJobInstance("campaignRunJob", new JobParameters());
		JobExecution job = repository.createJobExecution(instance, new JobParameters(), new ExecutionContext());
		StepExecution execution = repository.createStepExecution("printStreamsStep", job);
		new StepBuilder("printStreamsStep", repository).tasklet(tasklet, new JdbcTransactionManager(database))
			.exceptionHandler(new TransientDatabaseFailures(3, Duration.ofMillis(200)))
			.build()
			.execute(execution);
		return execution;
	}

}
