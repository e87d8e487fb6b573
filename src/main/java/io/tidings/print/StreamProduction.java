package io.tidings.print;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidings.ApplicationThreads;
import io.tidings.CrashPoint;
import io.tidings.RunLogContext;
import io.tidings.archive.AtomicFiles;
import io.tidings.archive.DocumentArchive;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.DeliveryResult;
import io.tidings.outbox.OutboxLedger;
import io.tidings.render.PdfRenderer;

/**
 * Third step of print production: writes stream files whole (each to a temporary file,
 * moved into place when complete; several at the same time, each on a thread of its own)
 * and, in the caller's transaction, marks the streams written and their documents printed
 * in the ledger. A crash before the commit leaves the streams planned: they are written
 * again, whole, when the run resumes.
 */
final class StreamProduction {

	private static final Logger logger = LoggerFactory.getLogger("io.tidings.progress");

	private final PrintJobRepository jobs;

	private final OutboxLedger ledger;

	private final DocumentArchive archive;

	private final AtomicFiles files;

	private final CarrierSheets carriers;

	private final PrintSettings settings;

	private final PdfRenderer renderer;

	private final int threads;

	/** None with one thread: streams are then written on the caller's. */
	private final @Nullable ExecutorService writers;

	StreamProduction(PrintJobRepository jobs, OutboxLedger ledger, DocumentArchive archive, AtomicFiles files,
			PdfRenderer renderer, PrintSettings settings) {
		this.jobs = jobs;
		this.ledger = ledger;
		this.archive = archive;
		this.files = files;
		this.renderer = renderer;
		this.carriers = new CarrierSheets(renderer, settings.addressFormat());
		this.settings = settings;
		this.threads = settings.streamThreads();
		this.writers = (this.threads > 1)
				? Executors.newFixedThreadPool(this.threads, ApplicationThreads.named("print-stream-")) : null;
	}

	/**
	 * Writes the job's next planned streams, as many at the same time as
	 * {@code tidings.print.stream-threads} allows, and records them, in stream order, in
	 * the caller's transaction.
	 * @param folder the job's folder
	 * @param outputRoot what delivery references are relative to
	 * @return whether there was one
	 */
	boolean writeNext(PrintJob job, Path folder, Path outputRoot) {
		List<PrintStream> streams = this.jobs.nextStreamsToWrite(job.run(), job.jobNo(), this.threads);
		if (streams.isEmpty()) {
			return false;
		}
		List<Written> written = new ArrayList<>();
		ExecutorService writers = this.writers;
		if (writers == null) {
			streams.forEach((stream) -> written.add(write(job, folder, stream)));
		}
		else {
			List<CompletableFuture<Written>> writing = streams.stream()
				.map((stream) -> CompletableFuture.supplyAsync(() -> write(job, folder, stream),
						(task) -> writers.execute(RunLogContext.carry(task))))
				.toList();
			// every stream finished before any is recorded or a failure is passed on
			CompletableFuture.allOf(writing.toArray(CompletableFuture<?>[]::new))
				.exceptionally((failure) -> null)
				.join();
			Throwable failure = null;
			for (CompletableFuture<Written> file : writing) {
				try {
					written.add(file.join());
				}
				catch (CompletionException ex) {
					failure = (failure != null) ? failure : ex.getCause();
				}
			}
			if (failure != null) {
				// the streams written beside the one that failed are not recorded: their
				// files go, as the failed one's does, and are written again with it
				for (Written stream : written) {
					try {
						Files.deleteIfExists(stream.file());
					}
					catch (IOException ex) {
						failure.addSuppressed(ex);
					}
				}
				if (failure instanceof RuntimeException ex) {
					throw ex;
				}
				if (failure instanceof Error ex) {
					throw ex;
				}
				throw new IllegalStateException(failure);
			}
		}
		written.forEach((stream) -> record(job, outputRoot, stream));
		return true;
	}

	/**
	 * Writes a stream's file; the ledger is written afterwards, on the caller's thread.
	 */
	private Written write(PrintJob job, Path folder, PrintStream stream) {
		Path target = folder.resolve(stream.file());
		List<Printed> printed = new ArrayList<>();
		InserterMarks marks = new InserterMarks(this.settings.marks(), this.settings.clearZone(),
				this.settings.windowCode());
		Map<String, StreamWriter.Copy> copies = new HashMap<>();
		MessageDigest sha256 = sha256();
		try {
			this.files.write(target, file -> {
				StreamWriter writer = new StreamWriter(new DigestOutputStream(file, sha256), job.duplex(), marks,
						name -> this.renderer.fontFile(job.templatesRoot(), name));
				this.jobs.forEachPlaced(job, stream.streamNo(), placed -> {
					PrintItem item = placed.item();
					try {
						SheetLayout.Placement placement = writer.add(this.archive.pages(item.archivePath()),
								item.pages(), item.duplex(), item.envelopeId(), placed.envelopeSheets(),
								copy(job, item, copies));
						if (!item.isCopy()) {
							printed.add(new Printed(item.communicationId(), item.envelopeId(), placement.firstPage(),
									placement.lastPage()));
						}
					}
					catch (IOException ex) {
						throw new UncheckedIOException(
								"Cannot add communication " + item.communicationId() + " to " + target.getFileName(),
								ex);
					}
				});
				if (writer.pages() != stream.pages() || writer.documents() != stream.documents()) {
					throw new IllegalStateException(target.getFileName() + " came out with " + writer.pages()
							+ " pages and " + writer.documents() + " documents; planned were " + stream.pages()
							+ " and " + stream.documents());
				}
				writer.finish();
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write print stream " + target, ex);
		}
		return new Written(stream, target, HexFormat.of().formatHex(sha256.digest()), printed);
	}

	/** Marks a written stream written and its documents printed. */
	private void record(PrintJob job, Path outputRoot, Written written) {
		PrintStream stream = written.stream();
		CrashPoint.reach("print " + stream.file() + " written");
		this.jobs.saveStream(stream.written(written.sha256()));
		logger.info(String.format(Locale.ROOT, "print: %s written: %,d documents, %,d envelopes, %,d sheets",
				outputRoot.relativize(written.file()), stream.documents(), stream.envelopes(), stream.sheets()));
		String file = outputRoot.relativize(written.file()).toString();
		// a reprint prints documents the ledger already has as printed
		this.ledger.markDelivered((job.reprint() ? List.<Printed>of() : written.printed()).stream()
			.map((document) -> new OutboxLedger.Delivered(new CommunicationId(document.communicationId()),
					new DeliveryResult(CommunicationState.PRINTED,
							String.format(Locale.ROOT, "%s pages %d-%d, envelope %s", file, document.firstPage(),
									document.lastPage(), document.envelopeId()))))
			.toList());
	}

	private StreamWriter.@Nullable Copy copy(PrintJob job, PrintItem item, Map<String, StreamWriter.Copy> copies) {
		if (!item.isCopy()) {
			return null;
		}
		PrintSettings.CopyRecipient recipient = this.settings.rules(item.kind())
			.copies()
			.stream()
			.filter(copy -> copy.code().equals(item.recipient()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Copy recipient '" + item.recipient() + "' of communication "
					+ item.communicationId() + " is no longer configured"));
		byte[] stamp = copies
			.computeIfAbsent(recipient.code(),
					code -> new StreamWriter.Copy(code, new byte[0],
							this.carriers.stamp(job.templatesRoot(), recipient)))
			.stampPdf();
		return new StreamWriter.Copy(recipient.code(),
				this.carriers.render(job.templatesRoot(), recipient, item.communicationId(), item.customerId()), stamp);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

	private record Printed(String communicationId, String envelopeId, int firstPage, int lastPage) {
	}

	/** A stream's file, written and not yet recorded. */
	private record Written(PrintStream stream, Path file, String sha256, List<Printed> printed) {
	}

}
