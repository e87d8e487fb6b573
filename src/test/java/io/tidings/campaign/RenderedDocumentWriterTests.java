package io.tidings.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.tidings.DatabaseDialect;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationPlan;
import io.tidings.outbox.ComposedDocument;
import io.tidings.outbox.DocumentComposer;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.DocumentModel;
import io.tidings.outbox.LedgerDatabases;
import io.tidings.outbox.OutboxLedger;
import io.tidings.outbox.RunRef;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The render stage records a document only once its archived file is in place: files of
 * their own are written on other threads while the chunk goes on.
 */
class RenderedDocumentWriterTests {

	private static final RunRef RUN = new RunRef("quarterly", "2026-09-30");

	private final DataSource dataSource = LedgerDatabases.migrated("h2");

	private final OutboxLedger ledger = new OutboxLedger(this.dataSource, new DatabaseDialect(this.dataSource),
			Clock.fixed(Instant.parse("2026-09-30T08:00:00Z"), ZoneOffset.UTC));

	private final RenderedDocumentWriter writer = new RenderedDocumentWriter(new PrintComposerNotCalled(), null, null,
			this.ledger, new FailedCommunicationListener(this.ledger), 0, null, 1);

	@Test
	void shouldRecordTheChunkOnlyWhenEveryFileIsArchived() throws Exception {
		// given two emails rendered, one file still being written
		CommunicationPlan first = plan("C1");
		CommunicationPlan second = plan("C2");
		this.ledger.plan(List.of(first, second));
		CompletableFuture<Void> stillWriting = new CompletableFuture<>();
		Chunk<RenderWork> chunk = new Chunk<>(rendered(first, CompletableFuture.completedFuture(null)),
				rendered(second, stillWriting));
		// when
		CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> this.writer.write(chunk));
		try {
			// then it waits for the file
			Thread.sleep(300);
			assertThat(writing).isNotDone();
			assertThat(states()).containsOnly("PLANNED");
		}
		finally {
			stillWriting.complete(null);
		}
		writing.get(10, TimeUnit.SECONDS);
		assertThat(states()).containsOnly("RENDERED");
	}

	@Test
	void shouldWaitForEveryFileOfTheChunkBeforePassingOnAFailure() throws Exception {
		// given one file that could not be written and one still being written
		CommunicationPlan first = plan("C1");
		CommunicationPlan second = plan("C2");
		this.ledger.plan(List.of(first, second));
		UncheckedIOException diskFull = new UncheckedIOException("Cannot write archive/ab/ab12.eml: disk full",
				new IOException("disk full"));
		CompletableFuture<Void> stillWriting = new CompletableFuture<>();
		Chunk<RenderWork> chunk = new Chunk<>(rendered(first, CompletableFuture.failedFuture(diskFull)),
				rendered(second, stillWriting));
		// when
		CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> this.writer.write(chunk));
		try {
			// then a chunk done again cannot meet the first try's write of the same file
			Thread.sleep(300);
			assertThat(writing).isNotDone();
		}
		finally {
			stillWriting.complete(null);
		}
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> writing.get(10, TimeUnit.SECONDS))
			.withCause(diskFull);
		assertThat(states()).containsOnly("PLANNED");
	}

	@Test
	void shouldRecordNothingOfAChunkWhoseFileCouldNotBeArchived() {
		// given
		CommunicationPlan first = plan("C1");
		CommunicationPlan second = plan("C2");
		this.ledger.plan(List.of(first, second));
		UncheckedIOException diskFull = new UncheckedIOException("Cannot write archive/ab/ab12.eml: disk full",
				new IOException("disk full"));
		Chunk<RenderWork> chunk = new Chunk<>(rendered(first, CompletableFuture.completedFuture(null)),
				rendered(second, CompletableFuture.failedFuture(diskFull)));
		// when
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> this.writer.write(chunk))
			.isSameAs(diskFull);
		// then
		assertThat(states()).containsOnly("PLANNED");
	}

	private List<String> states() {
		return new JdbcTemplate(this.dataSource).queryForList("SELECT state FROM communication", String.class);
	}

	private static CommunicationPlan plan(String customerId) {
		return CommunicationPlan.planned(RUN, customerId, Channel.EMAIL, DocumentKind.CROSS_SELL, "SAVINGS",
				"cross-sell/savings.ftlh", "test");
	}

	private static RenderedCommunication rendered(CommunicationPlan plan, CompletableFuture<Void> archived) {
		return new RenderedCommunication(plan.id(),
				plan.id().value().substring(0, 2) + "/" + plan.id().value() + ".eml", "0".repeat(64), null, archived);
	}

	/** The chunks here hold no printed document. */
	private static final class PrintComposerNotCalled implements DocumentComposer {

		@Override
		public Channel channel() {
			return Channel.PRINT;
		}

		@Override
		public ComposedDocument compose(Communication communication, DocumentModel model) {
			throw new AssertionError("nothing to compose");
		}

	}

}
