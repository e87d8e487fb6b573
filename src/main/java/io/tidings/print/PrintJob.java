package io.tidings.print;

import java.nio.file.Path;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.RunRef;

/**
 * A print job: the streams of a campaign run (job 0), of what a later delivery pass of
 * the run found due ({@code drop-NNN}), or a reprint of spoiled envelopes
 * ({@code reprint-NNN}), in its own folder under the run's print folder.
 *
 * @param run the campaign run
 * @param jobNo 0 for the run, then delivery passes and reprints
 * @param folder the job's folder relative to the run's print folder ({@code ""} for the
 * run)
 * @param templatesRoot the template folder (fonts for copy marks and carrier sheets)
 * @param duplex whether the job is printed on both sides
 * @param state how far it got
 * @param preparedThrough the last communication placed in the presort order
 * @param plannedThrough the sort key of the last document put in an envelope
 * @param sourceFile the spoils report of a reprint
 * @param sourceSha256 its SHA-256
 * @param completedAt when its {@code DONE} marker was written
 */
record PrintJob(RunRef run, int jobNo, String folder, Path templatesRoot, boolean duplex, State state,
		@Nullable String preparedThrough, @Nullable String plannedThrough, @Nullable String sourceFile,
		@Nullable String sourceSha256, @Nullable Instant completedAt) {

	/**
	 * Whether the job reprints envelopes of another job.
	 */
	boolean reprint() {
		return this.sourceSha256 != null;
	}

	/**
	 * How far a job got.
	 */
	enum State {

		/** Placing rendered documents in presort order. */
		PREPARING,

		/** Putting documents in envelopes and envelopes in streams. */
		PLANNING,

		/** Writing stream files. */
		WRITING,

		/** Every stream written; manifest and {@code DONE} to come. */
		WRITTEN,

		/** Manifest, job ticket, checksums and {@code DONE} written. */
		COMPLETE

	}

}
