package io.tidings.print;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

import io.tidings.TidingsHome;
import io.tidings.archive.AtomicFiles;
import io.tidings.archive.DocumentArchive;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Channel;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.OutboxLedger;
import io.tidings.outbox.RunRef;
import io.tidings.render.PdfRenderer;

import org.springframework.stereotype.Component;

/**
 * Print production of a campaign run: the run's rendered print documents become sorted,
 * householded print streams in {@code out/<campaign>/<run>/print/}, then a manifest, job
 * ticket, checksums and a {@code DONE} marker. Work goes in small steps, each meant to
 * run in a transaction of its own: place a page of documents in presort order, put a page
 * of documents in envelopes and streams, write one stream and mark its documents printed.
 * Every step records its progress with its work, so a run resumed after a crash goes on
 * where it stopped, and a stream that was being written is written again whole.
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

	PrintProduction(PrintJobRepository jobs, PrintSettings settings, OutboxLedger ledger, CustomerRepository customers,
			DocumentArchive archive, AtomicFiles files, PdfRenderer renderer, TidingsHome home, Clock clock) {
		this.jobs = jobs;
		this.settings = settings;
		this.preparation = new PrintPreparation(ledger, customers, jobs, settings);
		this.planner = new EnvelopePlanner(jobs, settings);
		this.streams = new StreamProduction(jobs, ledger, archive, files, new CarrierSheets(renderer), settings);
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
	 * @return whether more steps remain
	 */
	public boolean produceNext(RunRef run, Path templatesRoot) {
		PrintJob job = this.jobs.findJob(run, 0).orElse(null);
		if (job == null) {
			boolean duplex = Arrays.stream(DocumentKind.values()).anyMatch(kind -> this.settings.rules(kind).duplex());
			job = new PrintJob(run, 0, "", templatesRoot.toAbsolutePath().normalize(), duplex, PrintJob.State.PREPARING,
					null, null, null, null, null);
			this.jobs.createJob(job);
			return true;
		}
		switch (job.state()) {
			case PREPARING -> this.preparation.prepareNext(job);
			case PLANNING -> this.planner.planNext(job);
			case WRITING -> {
				if (!this.streams.writeNext(job, printFolder(run), this.out)) {
					this.jobs.updateJob(run, 0, PrintJob.State.WRITTEN, job.preparedThrough(), job.plannedThrough());
				}
			}
			case WRITTEN, COMPLETE -> {
				return false;
			}
		}
		return true;
	}

	/**
	 * Writes the manifest, job ticket, checksums and {@code DONE} marker of a run whose
	 * streams are written.
	 * @return the print folder, or empty when the run printed nothing
	 */
	public Optional<Path> complete(RunRef run) {
		PrintJob job = this.jobs.findJob(run, 0).orElse(null);
		if (job == null || this.jobs.streams(run, 0).isEmpty()) {
			return Optional.empty();
		}
		if (job.state() != PrintJob.State.WRITTEN && job.state() != PrintJob.State.COMPLETE) {
			throw new IllegalStateException("The print streams of " + run + " are not all written yet");
		}
		Path folder = printFolder(run);
		this.manifest.write(job, folder, this.clock.instant());
		this.jobs.updateJob(run, 0, PrintJob.State.COMPLETE, job.preparedThrough(), job.plannedThrough());
		return Optional.of(folder);
	}

}
