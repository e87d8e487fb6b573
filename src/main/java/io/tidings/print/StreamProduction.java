package io.tidings.print;

import java.io.IOException;
import java.io.UncheckedIOException;
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

import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidings.CrashPoint;
import io.tidings.archive.AtomicFiles;
import io.tidings.archive.DocumentArchive;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.DeliveryResult;
import io.tidings.outbox.OutboxLedger;
import io.tidings.render.PdfRenderer;

/**
 * Third step of print production: writes one stream file whole (to a temporary file,
 * moved into place when complete) and, in the same transaction, marks the stream written
 * and its documents printed in the ledger. A crash before the commit leaves the stream
 * planned: it is written again, whole, when the run resumes.
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

	StreamProduction(PrintJobRepository jobs, OutboxLedger ledger, DocumentArchive archive, AtomicFiles files,
			PdfRenderer renderer, PrintSettings settings) {
		this.jobs = jobs;
		this.ledger = ledger;
		this.archive = archive;
		this.files = files;
		this.renderer = renderer;
		this.carriers = new CarrierSheets(renderer, settings.addressFormat());
		this.settings = settings;
	}

	/**
	 * Writes the job's next planned stream.
	 * @param folder the job's folder
	 * @param outputRoot what delivery references are relative to
	 * @return whether there was one
	 */
	boolean writeNext(PrintJob job, Path folder, Path outputRoot) {
		PrintStream stream = this.jobs.nextStreamToWrite(job.run(), job.jobNo()).orElse(null);
		if (stream == null) {
			return false;
		}
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
		CrashPoint.reach("print " + stream.file() + " written");
		String checksum = HexFormat.of().formatHex(sha256.digest());
		this.jobs.saveStream(stream.written(checksum));
		logger.info(String.format(Locale.ROOT, "print: %s written: %,d documents, %,d envelopes, %,d sheets",
				outputRoot.relativize(target), stream.documents(), stream.envelopes(), stream.sheets()));
		String file = outputRoot.relativize(target).toString();
		// a reprint prints documents the ledger already has as printed
		this.ledger.markDelivered((job.reprint() ? List.<Printed>of() : printed).stream()
			.map((document) -> new OutboxLedger.Delivered(new CommunicationId(document.communicationId()),
					new DeliveryResult(CommunicationState.PRINTED,
							String.format(Locale.ROOT, "%s pages %d-%d, envelope %s", file, document.firstPage(),
									document.lastPage(), document.envelopeId()))))
			.toList());
		return true;
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

}
