package io.tidings.print;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import io.tidings.TidingsHome;
import io.tidings.archive.AtomicFiles;
import io.tidings.archive.DocumentArchive;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.OutboxLedger;
import io.tidings.outbox.RunRef;
import io.tidings.render.PdfRenderer;

import org.springframework.stereotype.Component;

/**
 * Print production of a campaign run: the run's rendered print documents that are due
 * become sorted, householded print streams in {@code out/<campaign>/<run>/print/}, then a
 * manifest, job ticket, checksums and a {@code DONE} marker. Documents the contact policy
 * deferred are printed by a later delivery pass of the run, as a job of their own in
 * {@code print/drop-NNN/}. Work goes in small steps, each meant to run in a transaction
 * of its own: place a page of documents in presort order, put a page of documents in
 * envelopes and streams, write the next streams (several at the same time) and mark their
 * documents printed. Every step records its progress with its work, so a run resumed
 * after a crash goes on where it stopped, and a stream that was being written is written
 * again whole.
 */
@Component
public class PrintProduction {

	private final PrintJobRepository jobs;

	private final PrintSettings settings;

	private final PrintPreparation preparation;

	private final EnvelopePlanner planner;

	private final StreamProduction streams;

	private final PrintManifest manifest;

	private final Path out;

	private final Clock clock;

	PrintProduction(PrintJobRepository jobs, PrintSettings settings, OutboxLedger ledger, CommunicationReaders readers,
			CustomerRepository customers, DocumentArchive archive, AtomicFiles files, PdfRenderer renderer,
			TidingsHome home, Clock clock) {
		this.jobs = jobs;
		this.settings = settings;
		this.preparation = new PrintPreparation(readers, customers, jobs, settings);
		this.planner = new EnvelopePlanner(jobs, settings);
		this.streams = new StreamProduction(jobs, ledger, archive, files, renderer, settings);
		this.manifest = new PrintManifest(jobs, files, settings);
		this.out = home.out();
		this.clock = clock;
	}

	/**
	 * The print folder of a run: {@code out/<campaign>/<run>/print}.
	 */
	public Path printFolder(RunRef run) {
		return run.outputFolder(this.out, Channel.PRINT);
	}

	/**
	 * Does the next step of a run's print production.
	 * @param run the campaign run, whose rendering is finished
	 * @param templatesRoot the run's template folder (fonts of copy marks and carrier
	 * sheets)
	 * @param now the moment of printing: what is deferred past it waits for a later pass
	 * @param mayPrint the contact policy at the moment of printing, read for a page of
	 * documents at a time and then asked for each of them; it records in the ledger why
	 * it refuses a document
	 * @return whether more steps remain
	 */
	public boolean produceNext(RunRef run, Path templatesRoot, Instant now,
			Function<List<Communication>, Predicate<Communication>> mayPrint) {
		PrintJob job = this.jobs.findOpenJob(run).orElse(null);
		if (job == null) {
			return open(run, templatesRoot, now);
		}
		switch (job.state()) {
			case PREPARING -> this.preparation.prepareNext(job, now, mayPrint);
			case PLANNING -> this.planner.planNext(job);
			case WRITING -> {
				if (!this.streams.writeNext(job, jobFolder(job), this.out)) {
					this.jobs.updateJob(run, job.jobNo(), PrintJob.State.WRITTEN, job.preparedThrough(),
							job.plannedThrough());
				}
			}
			case WRITTEN, COMPLETE -> {
				return false;
			}
		}
		return true;
	}

	/**
	 * Opens the run's print job for what is due on paper, unless one is open: the first
	 * step of print production, before its documents are placed in partitions
	 * ({@link #prepare}).
	 * @param now the moment of printing
	 * @return whether a job was opened
	 */
	public boolean open(RunRef run, Path templatesRoot, Instant now) {
		if (this.jobs.findOpenJob(run).isPresent() || !this.preparation.anyDue(run, now)) {
			return false;
		}
		int jobNo = this.jobs.nextJobNo(run);
		boolean duplex = Arrays.stream(DocumentKind.values()).anyMatch(kind -> this.settings.rules(kind).duplex());
		this.jobs.createJob(new PrintJob(run, jobNo, (jobNo == 0) ? "" : String.format(Locale.ROOT, "drop-%03d", jobNo),
				templatesRoot.toAbsolutePath().normalize(), duplex, PrintJob.State.PREPARING, null, null, null, null,
				null));
		return true;
	}

	/**
	 * Places rendered print documents that are due in the presort order of the run's open
	 * job: a chunk of a partition of the customers (the partitions together place every
	 * document due, then {@link #prepared} ends the preparation). Documents placed
	 * already are left out, so a chunk may be done again. When no job is open (nothing
	 * was due when it would have been opened) or the open job is past placing (a pass
	 * that stopped after placing, which the next pass finishes first), the documents are
	 * left to the print stage, which handles them as in one process.
	 * @param mayPrint the contact policy at the moment of printing, read once for the
	 * chunk; it records in the ledger why it refuses a document
	 */
	public void prepare(RunRef run, List<Communication> documents,
			Function<List<Communication>, Predicate<Communication>> mayPrint) {
		this.jobs.findOpenJob(run)
			.filter(job -> job.state() == PrintJob.State.PREPARING && !documents.isEmpty())
			.ifPresent(job -> this.preparation.place(job, documents, mayPrint));
	}

	/**
	 * Ends the preparation of the run's open job once its partitions have placed every
	 * document due: production goes on with envelopes and streams. Does nothing when it
	 * has ended already.
	 */
	public void prepared(RunRef run) {
		this.jobs.findOpenJob(run)
			.filter(job -> job.state() == PrintJob.State.PREPARING)
			.ifPresent(
					job -> this.jobs.updateJob(run, job.jobNo(), PrintJob.State.PLANNING, job.preparedThrough(), null));
	}

	private Path jobFolder(PrintJob job) {
		return printFolder(job.run()).resolve(job.folder());
	}

	/**
	 * Writes the manifest, job ticket, checksums and {@code DONE} marker of the run's job
	 * whose streams are written.
	 * @return the job's folder, or empty when it printed nothing
	 */
	public Optional<Path> complete(RunRef run) {
		PrintJob job = this.jobs.findOpenJob(run).orElse(null);
		if (job == null) {
			return Optional.empty();
		}
		if (job.state() != PrintJob.State.WRITTEN) {
			throw new IllegalStateException("The print streams of " + run + " are not all written yet");
		}
		this.jobs.updateJob(run, job.jobNo(), PrintJob.State.COMPLETE, job.preparedThrough(), job.plannedThrough());
		if (this.jobs.streams(run, job.jobNo()).isEmpty()) {
			return Optional.empty();
		}
		Path folder = jobFolder(job);
		this.manifest.write(job, folder, this.clock.instant());
		return Optional.of(folder);
	}

}
