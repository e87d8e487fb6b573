package io.tidings.print;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import io.tidings.csv.CsvCells;
import io.tidings.TidingsHome;
import io.tidings.archive.AtomicFiles;
import io.tidings.outbox.Channel;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.OutboxLedger;
import io.tidings.outbox.RunRef;

import org.springframework.stereotype.Component;

/**
 * Writes the print shop's manifest of a run ({@code manifest.csv}: communication id,
 * customer id, document kind, file, pages, SHA-256), then the {@code DONE} marker, last,
 * so that a watcher never picks up half a job. Built from the ledger, so writing it again
 * after a crash gives the same file.
 */
@Component
public class PrintManifest {

	/** Header row of {@code manifest.csv}. */
	public static final String HEADER = "communication_id,customer_id,document_kind,file,pages,sha256";

	private final Path out;

	private final OutboxLedger ledger;

	private final Clock clock;

	private final AtomicFiles files;

	PrintManifest(TidingsHome home, OutboxLedger ledger, Clock clock, AtomicFiles files) {
		this.out = home.out();
		this.ledger = ledger;
		this.clock = clock;
		this.files = files;
	}

	public static Path printFolder(Path out, RunRef run) {
		return run.outputFolder(out, Channel.PRINT);
	}

	/**
	 * Writes manifest and marker for a run's printed documents.
	 * @return the print folder
	 */
	public Path write(RunRef run) {
		Path folder = printFolder(this.out, run);
		Path manifest = folder.resolve("manifest.csv");
		try {
			Files.createDirectories(folder);
			Files.deleteIfExists(folder.resolve("DONE"));
			long[] documents = { 0 };
			this.files.write(manifest, out -> {
				Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
				writer.write(HEADER + "\n");
				this.ledger.forEach(run, Channel.PRINT, CommunicationState.PRINTED, communication -> {
					documents[0]++;
					writeLine(writer,
							CsvCells.line(communication.id().value(), communication.customerId(),
									communication.kind().name(), communication.id() + ".pdf", communication.pageCount(),
									communication.contentSha256()));
				});
				writer.flush();
			});
			this.files.write(folder.resolve("DONE"),
					("documents=" + documents[0] + "\ncompleted=" + Instant.now(this.clock) + "\n")
						.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the print manifest in " + folder, ex);
		}
		return folder;
	}

	private static void writeLine(Writer writer, String line) {
		try {
			writer.write(line);
			writer.write('\n');
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
