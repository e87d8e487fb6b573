package io.tidings.print;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import io.tidings.InvalidInputException;
import io.tidings.TidingsHome;
import io.tidings.archive.AtomicFiles;
import io.tidings.archive.DocumentArchive;
import io.tidings.csv.CsvFiles;
import io.tidings.csv.CsvHeader;
import io.tidings.outbox.Channel;
import io.tidings.outbox.OutboxLedger;
import io.tidings.outbox.RunRef;
import io.tidings.render.PdfRenderer;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reprints envelopes a print shop reports spoiled (jammed, torn, misprinted): a spoils
 * report ({@code envelope_id[,reason]} CSV) becomes a reprint job per campaign run, in
 * {@code print/reprint-NNN/} beside the run's streams, with the same envelopes, documents
 * and communication ids, its own manifest, job ticket, checksums and {@code DONE}. A
 * report is identified by its content: ingesting it again finishes a reprint that stopped
 * and otherwise does nothing.
 */
@Component
public class PrintReprints {

	/** Columns of a spoils report. */
	public static final List<String> HEADER = List.of("envelope_id", "reason");

	private final PrintJobRepository jobs;

	private final PrintSettings settings;

	private final StreamProduction streams;

	private final PrintManifest manifest;

	private final TransactionTemplate transaction;

	private final Path out;

	private final Clock clock;

	PrintReprints(PrintJobRepository jobs, PrintSettings settings, OutboxLedger ledger, DocumentArchive archive,
			AtomicFiles files, PdfRenderer renderer, TidingsHome home, PlatformTransactionManager transactions,
			Clock clock) {
		this.jobs = jobs;
		this.settings = settings;
		this.streams = new StreamProduction(jobs, ledger, archive, files, renderer, settings);
		this.manifest = new PrintManifest(jobs, files, settings);
		this.transaction = new TransactionTemplate(transactions);
		this.out = home.out();
		this.clock = clock;
	}

	/**
	 * Ingests a spoils report and writes the reprint jobs.
	 * @throws InvalidInputException when the file cannot be used, naming file and line
	 */
	public ReprintReport ingestSpoils(Path file) {
		Path input = file.toAbsolutePath().normalize();
		String sha256 = sha256(input);
		List<PrintJob> jobs = this.jobs.findJobsBySource(sha256);
		boolean again = !jobs.isEmpty();
		List<String> unknown = new ArrayList<>();
		if (!again) {
			Map<String, String> spoiled = read(input);
			jobs = this.transaction.execute(status -> plan(input, sha256, spoiled, unknown));
		}
		boolean alreadyDone = again && jobs.stream().allMatch(job -> job.state() == PrintJob.State.COMPLETE);
		List<Reprint> reprints = new ArrayList<>();
		for (PrintJob job : (jobs != null) ? jobs : List.<PrintJob>of()) {
			Path folder = folder(job);
			while (Boolean.TRUE
				.equals(this.transaction.execute(status -> this.streams.writeNext(job, folder, this.out)))) {
				// the next streams in each transaction
			}
			this.transaction.executeWithoutResult(status -> {
				this.manifest.write(job, folder, this.clock.instant());
				this.jobs.updateJob(job.run(), job.jobNo(), PrintJob.State.COMPLETE, null, null);
			});
			List<PrintStream> written = this.jobs.streams(job.run(), job.jobNo());
			reprints.add(new Reprint(job.run(), folder, written.stream().mapToInt(PrintStream::envelopes).sum(),
					written.stream().mapToInt(PrintStream::documents).sum(), written.size()));
		}
		return new ReprintReport(alreadyDone, reprints, unknown);
	}

	private Map<String, String> read(Path input) {
		CsvHeader csvHeader = CsvFiles.checkAndReadHeader(input);
		List<String> header = csvHeader.columns();
		if (header.isEmpty() || !header.get(0).equals(HEADER.get(0)) || header.size() > 2
				|| (header.size() == 2 && !header.get(1).equals(HEADER.get(1)))) {
			throw new InvalidInputException(input, 1, null, "header must be envelope_id or envelope_id,reason");
		}
		Map<String, String> spoiled = new LinkedHashMap<>();
		try (BufferedReader reader = CsvFiles.strictReader(Files.newInputStream(input))) {
			for (CSVRecord record : CSVFormat.RFC4180.builder()
				.setDelimiter(csvHeader.delimiter())
				.setHeader()
				.setSkipHeaderRecord(true)
				.setIgnoreEmptyLines(true)
				.get()
				.parse(reader)) {
				String envelope = record.get(0).strip().toUpperCase(Locale.ROOT);
				if (!envelope.matches("[0-9A-Z]{8}-[0-9]{8}")) {
					throw new InvalidInputException(input, record.getRecordNumber() + 1, "envelope_id",
							"'" + envelope + "' is not an envelope id (8 letters or digits, a dash, 8 digits)");
				}
				spoiled.putIfAbsent(envelope, (record.size() > 1) ? record.get(1).strip() : null);
			}
		}
		catch (IOException ex) {
			throw new InvalidInputException(input, "cannot be read: " + ex.getMessage());
		}
		if (spoiled.isEmpty()) {
			throw new InvalidInputException(input, "no envelope ids");
		}
		return spoiled;
	}

	private List<PrintJob> plan(Path input, String sha256, Map<String, String> spoiled, List<String> unknown) {
		Map<RunRef, List<Envelope>> byRun = new LinkedHashMap<>();
		for (String envelopeId : spoiled.keySet()) {
			Envelope envelope = this.jobs.findEnvelope(envelopeId).orElse(null);
			if (envelope == null) {
				unknown.add(envelopeId);
				continue;
			}
			byRun.computeIfAbsent(envelope.run(), run -> new ArrayList<>()).add(envelope);
		}
		List<PrintJob> planned = new ArrayList<>();
		for (Map.Entry<RunRef, List<Envelope>> entry : byRun.entrySet()) {
			RunRef run = entry.getKey();
			PrintJob original = this.jobs.findJob(run, 0)
				.filter(job -> job.state() == PrintJob.State.COMPLETE && this.jobs.findOpenJob(run).isEmpty())
				.orElseThrow(() -> new InvalidInputException(input,
						"the print job of run " + run + " is not complete yet; reprint once it is"));
			int jobNo = this.jobs.nextJobNo(run);
			PrintJob job = new PrintJob(run, jobNo, String.format(Locale.ROOT, "reprint-%03d", jobNo),
					original.templatesRoot(), original.duplex(), PrintJob.State.WRITING, null, null, input.toString(),
					sha256, null);
			this.jobs.createJob(job);
			PrintStream stream = null;
			long seq = 0;
			for (Envelope envelope : entry.getValue()
				.stream()
				.sorted(Comparator.comparingLong(Envelope::seq))
				.toList()) {
				if (stream == null || !stream.takes(envelope, this.settings.streamSheets())) {
					if (stream != null) {
						this.jobs.saveStream(stream);
					}
					int number = (stream != null) ? stream.streamNo() + 1 : 1;
					stream = PrintStream.planned(run, jobNo, number, envelope.mailClass());
				}
				stream = stream.plus(envelope.documents(), envelope.sheets(), job.duplex());
				this.jobs.addReprint(run, jobNo, envelope.envelopeId(), ++seq, stream.streamNo(),
						spoiled.get(envelope.envelopeId()));
			}
			this.jobs.saveStream(stream);
			planned.add(job);
		}
		return planned;
	}

	private Path folder(PrintJob job) {
		return job.run().outputFolder(this.out, Channel.PRINT).resolve(job.folder());
	}

	private static String sha256(Path file) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
		}
		catch (IOException ex) {
			throw new InvalidInputException(file, "cannot be read: " + ex.getMessage());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

	/**
	 * What ingesting a spoils report did.
	 *
	 * @param alreadyIngested the report had been ingested and reprinted before
	 * @param reprints one reprint job per campaign run
	 * @param unknownEnvelopes envelope ids no run printed
	 */
	public record ReprintReport(boolean alreadyIngested, List<Reprint> reprints, List<String> unknownEnvelopes) {
	}

	/**
	 * A reprint job.
	 *
	 * @param run the campaign run whose envelopes it reprints
	 * @param folder its folder (streams, manifest, job ticket, checksums, {@code DONE})
	 * @param envelopes envelopes reprinted
	 * @param documents documents reprinted
	 * @param streams stream files
	 */
	public record Reprint(RunRef run, Path folder, int envelopes, int documents, int streams) {
	}

}
