package io.tidings.print;

import org.jspecify.annotations.Nullable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.tidings.OwnerOnly;
import io.tidings.archive.AtomicFiles;
import io.tidings.csv.CsvCells;

/**
 * What the print shop gets besides the streams of a job, written once every stream is:
 * {@code manifest.csv} (one line per document, in stream order), {@code job-ticket.json}
 * (counts, paper, duplex, marks, streams), {@code SHA256SUMS} (of streams, manifest and
 * ticket, as {@code sha256sum -c} reads it), and the {@code DONE} marker, last, so that a
 * watcher never picks up half a job. Built from the database, so writing it again after a
 * crash gives the same files.
 */
public final class PrintManifest {

	/** Header row of {@code manifest.csv}. */
	public static final String HEADER = "communication_id,customer_id,document_kind,file,pages,sha256,recipient,"
			+ "envelope_id,envelope_sheets,first_page,last_page,sheets,presort_key,country,mail_class";

	/** The marker written last. */
	public static final String DONE = "DONE";

	static final String MANIFEST = "manifest.csv";

	static final String TICKET = "job-ticket.json";

	static final String CHECKSUMS = "SHA256SUMS";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final PrintJobRepository jobs;

	private final AtomicFiles files;

	private final PrintSettings settings;

	PrintManifest(PrintJobRepository jobs, AtomicFiles files, PrintSettings settings) {
		this.jobs = jobs;
		this.files = files;
		this.settings = settings;
	}

	/**
	 * Writes manifest, ticket, checksums and marker of a job whose streams are written.
	 */
	void write(PrintJob job, Path folder, Instant completedAt) {
		List<PrintStream> streams = this.jobs.streams(job.run(), job.jobNo());
		try {
			OwnerOnly.folders(folder);
			Files.deleteIfExists(folder.resolve(DONE));
			Tally tally = new Tally();
			MessageDigest manifestSha = sha256();
			this.files.write(folder.resolve(MANIFEST), out -> {
				Writer writer = new OutputStreamWriter(new DigestOutputStream(out, manifestSha),
						StandardCharsets.UTF_8);
				writer.write(HEADER + "\n");
				writeLines(job, streams, writer, tally);
				writer.flush();
			});
			byte[] ticket = JSON.writeValueAsBytes(ticket(job, streams, tally));
			this.files.write(folder.resolve(TICKET), ticket);
			StringBuilder sums = new StringBuilder();
			for (PrintStream stream : streams) {
				sums.append(stream.sha256()).append("  ").append(stream.file()).append('\n');
			}
			sums.append(HexFormat.of().formatHex(manifestSha.digest())).append("  ").append(MANIFEST).append('\n');
			sums.append(HexFormat.of().formatHex(sha256().digest(ticket))).append("  ").append(TICKET).append('\n');
			this.files.write(folder.resolve(CHECKSUMS), sums.toString().getBytes(StandardCharsets.UTF_8));
			this.files.write(folder.resolve(DONE),
					String
						.format(Locale.ROOT, "documents=%d%nenvelopes=%d%nsheets=%d%nstreams=%d%ncompleted=%s%n",
								tally.documents, tally.envelopes, tally.sheets, streams.size(), completedAt)
						.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the print manifest in " + folder, ex);
		}
	}

	private void writeLines(PrintJob job, List<PrintStream> streams, Writer writer, Tally tally) {
		String[] envelope = { "" };
		for (PrintStream stream : streams) {
			SheetLayout layout = new SheetLayout(job.duplex());
			this.jobs.forEachPlaced(job, stream.streamNo(), placed -> {
				PrintItem item = placed.item();
				SheetLayout.Placement placement = layout.next(item.envelopeId(), item.pages(), item.duplex(),
						item.isCopy());
				if (!item.envelopeId().equals(envelope[0])) {
					envelope[0] = item.envelopeId();
					tally.envelopes++;
					tally.envelopesByMailClass.merge(item.mailClass(), 1, Integer::sum);
				}
				tally.documents++;
				tally.copies += item.isCopy() ? 1 : 0;
				tally.sheets += item.sheets();
				try {
					writer.write(CsvCells.line(item.communicationId(), item.customerId(), item.kind().name(),
							stream.file(), item.pages(), item.contentSha256(), item.recipient(), item.envelopeId(),
							placed.envelopeSheets(), placement.firstPage(), placement.lastPage(), item.sheets(),
							item.presortKey(), item.country(), item.mailClass()));
					writer.write('\n');
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

	private JobTicket ticket(PrintJob job, List<PrintStream> streams, Tally tally) {
		List<JobTicket.Stream> files = new ArrayList<>();
		for (PrintStream stream : streams) {
			files.add(new JobTicket.Stream(stream.file(), stream.envelopes(), stream.documents(), stream.sheets(),
					stream.pages(), stream.sha256(), stream.mailClass()));
		}
		PrintSettings.ClearZone zone = this.settings.clearZone();
		return new JobTicket(job.run().campaign(), job.run().runKey(), job.folder().isEmpty() ? "run" : job.folder(),
				this.settings.paper(), job.duplex() ? "duplex" : "simplex",
				this.settings.marks().name().toLowerCase(Locale.ROOT),
				new JobTicket.Zone(zone.x(), zone.y(), zone.width(), zone.height()), tally.documents, tally.copies,
				tally.envelopes, tally.sheets, streams.stream().mapToInt(PrintStream::pages).sum(),
				tally.envelopesByMailClass, files);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

	private static final class Tally {

		private int documents;

		private int copies;

		private int envelopes;

		private int sheets;

		private final Map<String, Integer> envelopesByMailClass = new TreeMap<>();

	}

	/**
	 * The job ticket.
	 *
	 * @param campaign campaign
	 * @param run run key
	 * @param job {@code run}, or the reprint's folder
	 * @param paper paper size
	 * @param plex {@code duplex} or {@code simplex}
	 * @param marks inserter marks
	 * @param clearZone where the marks are (mm from the top-left corner of the front)
	 * @param documents documents, copies included
	 * @param copies recipients' copies
	 * @param envelopes envelopes
	 * @param sheets sheets
	 * @param pages pages (sides, when duplex)
	 * @param envelopesByMailClass envelopes per postal class
	 * @param streams the stream files
	 */
	record JobTicket(String campaign, String run, String job, String paper, String plex, String marks, Zone clearZone,
			int documents, int copies, int envelopes, int sheets, int pages, Map<String, Integer> envelopesByMailClass,
			List<Stream> streams) {

		record Zone(double xMm, double yMm, double widthMm, double heightMm) {
		}

		record Stream(String file, int envelopes, int documents, int sheets, int pages, String sha256,
				@Nullable String mailClass) {
		}

	}

}
