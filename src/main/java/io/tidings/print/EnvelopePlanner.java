package io.tidings.print;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.RunRef;

/**
 * Second step of print production: walks the documents in presort order and puts them in
 * envelopes (a household's documents together when their kind allows it, up to the sheets
 * an envelope takes), and the envelopes in streams (one postal class per stream, up to
 * the stream size, never splitting an envelope). A page of documents at a time; the last
 * envelope of a page stays open for the next page. Envelope ids are the run's code and
 * the envelope's number in presort order, so planning the same documents again gives the
 * same envelopes.
 */
final class EnvelopePlanner {

	static final int PAGE = 1000;

	/** Letters and digits that cannot be mistaken for each other (no I, L, O, U). */
	private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

	private final PrintJobRepository jobs;

	private final PrintSettings settings;

	private final int page;

	EnvelopePlanner(PrintJobRepository jobs, PrintSettings settings) {
		this(jobs, settings, PAGE);
	}

	/**
	 * @param page the documents planned in one step
	 */
	EnvelopePlanner(PrintJobRepository jobs, PrintSettings settings, int page) {
		this.jobs = jobs;
		this.settings = settings;
		this.page = page;
	}

	/**
	 * Plans the next page of documents.
	 * @return whether there were any
	 */
	boolean planNext(PrintJob job) {
		RunRef run = job.run();
		Optional<Envelope> last = this.jobs.lastEnvelope(run);
		Envelope open = last.filter(envelope -> envelope.streamNo() == null).orElse(null);
		List<PrintItem> page = this.jobs.itemsAfter(run, job.jobNo(), job.plannedThrough(), this.page);
		Closing closing = new Closing(job, this.jobs.lastStream(run, job.jobNo()).orElse(null), open);
		if (page.isEmpty()) {
			if (open != null) {
				closing.close(open);
			}
			closing.save();
			this.jobs.updateJob(run, job.jobNo(), PrintJob.State.WRITING, job.preparedThrough(), job.plannedThrough());
			return false;
		}
		long nextSeq = last.map(Envelope::seq).orElse(0L) + 1;
		List<PrintItem> placed = new ArrayList<>();
		for (PrintItem item : page) {
			boolean fits = open != null && open.groupKey().equals(item.groupKey())
					&& open.sheets() + item.sheets() <= this.settings.maxSheetsPerEnvelope();
			if (!fits) {
				if (open != null) {
					closing.close(open);
				}
				open = new Envelope(envelopeId(run, nextSeq), run, nextSeq, item.groupKey(), item.mailClass(),
						item.country(), item.presortKey(), 0, 0, null);
				nextSeq++;
			}
			open = open.with(open.documents() + 1, open.sheets() + item.sheets(), null);
			placed.add(item.inEnvelope(open.envelopeId(), open.documents()));
		}
		closing.save();
		this.jobs.saveEnvelope(open);
		this.jobs.placeItems(placed);
		this.jobs.updateJob(run, job.jobNo(), PrintJob.State.PLANNING, job.preparedThrough(),
				page.get(page.size() - 1).sortKey());
		return true;
	}

	/**
	 * The envelopes a page of planning closes, each put in a stream, saved together at
	 * the end of the page (a statement or two for each envelope took most of planning's
	 * time). Only the envelope the page before left open is stored already; the others
	 * are new.
	 */
	private final class Closing {

		private final PrintJob job;

		private @Nullable PrintStream stream;

		private final @Nullable Envelope stored;

		private final Map<Integer, PrintStream> streams = new LinkedHashMap<>();

		private final List<Envelope> envelopes = new ArrayList<>();

		Closing(PrintJob job, @Nullable PrintStream last, @Nullable Envelope stored) {
			this.job = job;
			this.stream = last;
			this.stored = stored;
		}

		void close(Envelope envelope) {
			PrintStream current = this.stream;
			if (current == null || !current.takes(envelope, EnvelopePlanner.this.settings.streamSheets())) {
				int number = (current != null) ? current.streamNo() + 1 : 1;
				current = PrintStream.planned(this.job.run(), this.job.jobNo(), number, envelope.mailClass());
			}
			current = current.plus(envelope.documents(), envelope.sheets(), this.job.duplex());
			this.stream = current;
			this.streams.put(current.streamNo(), current);
			this.envelopes.add(envelope.with(envelope.documents(), envelope.sheets(), current.streamNo()));
		}

		void save() {
			this.streams.values().forEach(EnvelopePlanner.this.jobs::saveStream);
			List<Envelope> added = new ArrayList<>();
			for (Envelope envelope : this.envelopes) {
				if (this.stored != null && envelope.envelopeId().equals(this.stored.envelopeId())) {
					EnvelopePlanner.this.jobs.saveEnvelope(envelope);
				}
				else {
					added.add(envelope);
				}
			}
			if (!added.isEmpty()) {
				EnvelopePlanner.this.jobs.insertEnvelopes(added);
			}
		}

	}

	static String streamFile(int number) {
		return String.format(Locale.ROOT, "stream-%04d.pdf", number);
	}

	/**
	 * An envelope id: eight characters derived from campaign and run key, and the
	 * envelope's number, e.g. {@code 7KQ2MX9A-00000042}.
	 */
	static String envelopeId(RunRef run, long seq) {
		return runCode(run) + "-" + String.format(Locale.ROOT, "%08d", seq);
	}

	static String runCode(RunRef run) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest((run.campaign() + "\u001f" + run.runKey()).getBytes(StandardCharsets.UTF_8));
			StringBuilder code = new StringBuilder();
			for (int i = 0; i < 8; i++) {
				code.append(ALPHABET.charAt((hash[i] & 0xff) % 32));
			}
			return code.toString();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

}
