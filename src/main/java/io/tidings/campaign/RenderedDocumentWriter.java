package io.tidings.campaign;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

import io.tidings.archive.ArchivedDocument;
import io.tidings.archive.DocumentArchive;
import io.tidings.outbox.Channel;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.ComposedDocument;
import io.tidings.outbox.Composition;
import io.tidings.outbox.DocumentComposer;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.DocumentModel;
import io.tidings.outbox.DocumentRejectedException;
import io.tidings.outbox.OutboxLedger;

import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes the render stage's chunk: numbers its statements, composes the documents the
 * processor handed on (printed ones, and statements for paperless customers, which it
 * then attaches to their emails) together, a slice per render thread (each slice laid out
 * at once: on the render threads side by side, or one after another on the thread that
 * writes the chunk where partitions of the stage run side by side), archives them, waits
 * until every document's file is forced to disk (those of a file of their own are written
 * on other threads while the chunk goes on), and marks every document of the chunk
 * rendered in the ledger, in one batch in the chunk's transaction. A document that cannot
 * be rendered fails alone, recorded as the processor's failures are, and counts towards
 * {@code tidings.run.max-failed-documents}.
 */
class RenderedDocumentWriter implements ItemWriter<RenderWork> {

	private final DocumentComposer print;

	private final StatementModels statements;

	private final DocumentArchive archive;

	private final OutboxLedger ledger;

	private final FailedCommunicationListener failures;

	private final long maxFailedDocuments;

	/**
	 * None: the slices are composed one after another on the thread writing the chunk.
	 */
	private final @Nullable Executor executor;

	private final int slices;

	RenderedDocumentWriter(DocumentComposer print, StatementModels statements, DocumentArchive archive,
			OutboxLedger ledger, FailedCommunicationListener failures, long maxFailedDocuments,
			@Nullable Executor executor, int slices) {
		if (print.channel() != Channel.PRINT) {
			throw new IllegalArgumentException("Not the print composer: " + print.channel());
		}
		this.print = print;
		this.statements = statements;
		this.archive = archive;
		this.ledger = ledger;
		this.failures = failures;
		this.maxFailedDocuments = maxFailedDocuments;
		this.executor = executor;
		this.slices = slices;
	}

	@Override
	public void write(Chunk<? extends RenderWork> chunk) {
		List<RenderWork.Deferred> deferred = new ArrayList<>();
		List<RenderedCommunication> rendered = new ArrayList<>();
		// the chunk's files being archived, each added as its write starts
		Queue<CompletableFuture<Void>> archiving = new ConcurrentLinkedQueue<>();
		for (RenderWork work : chunk) {
			if (work instanceof RenderedCommunication processed) {
				rendered.add(processed);
				archiving.add(processed.archived());
			}
			else if (work instanceof RenderWork.Deferred later) {
				deferred.add(later);
			}
		}
		try {
			if (!deferred.isEmpty()) {
				composeAll(numbered(deferred), rendered, archiving);
			}
		}
		catch (RuntimeException ex) {
			// a chunk done again must not find the files of its first try still being
			// written
			try {
				awaitArchived(archiving);
			}
			catch (RuntimeException unarchived) {
				ex.addSuppressed(unarchived);
			}
			throw ex;
		}
		awaitArchived(archiving);
		this.ledger.markRendered(rendered.stream().map(RenderedDocumentWriter::rendering).toList());
	}

	/**
	 * Waits until every document's file is archived, then passes on the first failure.
	 */
	private static void awaitArchived(Collection<CompletableFuture<Void>> archiving) {
		RuntimeException failure = null;
		for (CompletableFuture<Void> file : archiving) {
			try {
				file.join();
			}
			catch (CompletionException | CancellationException ex) {
				if (failure == null) {
					failure = (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	/**
	 * The chunk's documents with their statements numbered, in customer order, so that
	 * two runs numbering the same customers wait for each other in the same order.
	 */
	private List<RenderWork.Deferred> numbered(List<RenderWork.Deferred> deferred) {
		Map<CommunicationId, RenderWork.Deferred> numbered = new HashMap<>();
		deferred.stream()
			.filter((work) -> work.communication().kind() == DocumentKind.STATEMENT)
			.sorted(Comparator.comparing((RenderWork.Deferred work) -> work.communication().customerId()))
			.forEach((work) -> numbered.put(work.communication().id(),
					work.withModel(this.statements.numbered(work.communication(), work.model()))));
		return deferred.stream().map((work) -> numbered.getOrDefault(work.communication().id(), work)).toList();
	}

	private void composeAll(List<RenderWork.Deferred> deferred, List<RenderedCommunication> rendered,
			Queue<CompletableFuture<Void>> archiving) {
		int count = Math.min(this.slices, deferred.size());
		List<List<RenderWork.Deferred>> slices = new ArrayList<>();
		for (int slice = 0; slice < count; slice++) {
			slices.add(deferred.subList(slice * deferred.size() / count, (slice + 1) * deferred.size() / count));
		}
		Executor executor = this.executor;
		List<Outcome> outcomes = new ArrayList<>();
		if (executor == null) {
			slices.forEach((slice) -> outcomes.addAll(composeAndArchive(slice, archiving)));
		}
		else {
			List<CompletableFuture<List<Outcome>>> composing = slices.stream()
				.map((slice) -> CompletableFuture.supplyAsync(() -> composeAndArchive(slice, archiving), executor))
				.toList();
			// every slice finished before a failure is passed on: none may still be
			// starting the writes of its files
			CompletableFuture.allOf(composing.toArray(CompletableFuture<?>[]::new))
				.exceptionally((failure) -> null)
				.join();
			composing.forEach((slice) -> outcomes.addAll(slice.join()));
		}
		for (Outcome outcome : outcomes) {
			if (outcome.rendered() != null) {
				rendered.add(outcome.rendered());
			}
			else {
				failed(outcome.work(), outcome.rejection());
			}
		}
	}

	/**
	 * Composes a slice and archives its documents (on a render thread); the ledger is
	 * written afterwards, on the step's thread, in the chunk's transaction.
	 */
	private List<Outcome> composeAndArchive(List<RenderWork.Deferred> part, Queue<CompletableFuture<Void>> archiving) {
		List<Composition> compositions = this.print.composeTogether(
				part.stream().map(work -> new Composition.Request(work.communication(), work.model())).toList());
		List<Outcome> outcomes = new ArrayList<>();
		Map<byte[], String> batchFiles = new IdentityHashMap<>();
		for (int i = 0; i < part.size(); i++) {
			RenderWork.Deferred work = part.get(i);
			ComposedDocument document = compositions.get(i).document();
			if (document == null) {
				outcomes.add(new Outcome(work, null, compositions.get(i).rejection()));
				continue;
			}
			BiFunction<DocumentModel, byte[], ComposedDocument> delivery = work.delivery();
			if (delivery != null) {
				if (document.batch() != null) {
					throw new IllegalStateException("The statement attached to " + work.communication().id()
							+ " shares a file with the printed documents of its batch");
				}
				try {
					document = delivery.apply(work.model(), document.content());
				}
				catch (DocumentRejectedException ex) {
					outcomes.add(new Outcome(work, null, ex));
					continue;
				}
			}
			RenderedCommunication rendered = archived(work.communication().id(), document, batchFiles);
			archiving.add(rendered.archived());
			outcomes.add(new Outcome(work, rendered, null));
		}
		return outcomes;
	}

	/**
	 * Archives a document: a file of its own, or the file of its batch, written once for
	 * all its documents.
	 */
	private RenderedCommunication archived(CommunicationId id, ComposedDocument document,
			Map<byte[], String> batchFiles) {
		ComposedDocument.InBatch batch = document.batch();
		Integer pages = document.pageCount();
		if (batch == null) {
			ArchivedDocument stored = this.archive.storeInBackground(id, document.fileExtension(), document.content());
			return new RenderedCommunication(id, stored.relativePath(), stored.sha256(), pages, stored.written());
		}
		if (pages == null) {
			throw new IllegalStateException("Communication " + id + " is in a batch's file but has no page count");
		}
		String file = batchFiles.computeIfAbsent(document.content(), content -> this.archive.storeBatch(id, content));
		return new RenderedCommunication(id, DocumentArchive.location(file, batch.firstPage(), pages), batch.sha256(),
				pages, CompletableFuture.completedFuture(null));
	}

	private static OutboxLedger.Rendering rendering(RenderedCommunication rendered) {
		return new OutboxLedger.Rendering(rendered.id(), rendered.archivePath(), rendered.sha256(),
				rendered.pageCount());
	}

	private void failed(RenderWork.Deferred work, @Nullable DocumentRejectedException reason) {
		if (reason == null) {
			throw new IllegalStateException(
					"Communication " + work.communication().id() + " was neither rendered nor rejected");
		}
		this.failures.onSkipInProcess(work.communication(), reason);
		StepContext context = StepSynchronizationManager.getContext();
		if (context != null) {
			StepExecution step = context.getStepExecution();
			step.setProcessSkipCount(step.getProcessSkipCount() + 1);
			if (step.getProcessSkipCount() > this.maxFailedDocuments) {
				throw new SkipLimitExceededException(this.maxFailedDocuments, reason);
			}
		}
	}

	/** A deferred document: rendered and archived, or rejected. */
	private record Outcome(RenderWork.Deferred work, @Nullable RenderedCommunication rendered,
			@Nullable DocumentRejectedException rejection) {
	}

}
