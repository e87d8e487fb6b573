package io.tidings.print;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.RunRef;

/**
 * One stream file of a print job.
 *
 * @param run the campaign run
 * @param jobNo the job (0 for the run, then reprints)
 * @param streamNo its number in the job, from 1
 * @param file its file name in the job's folder
 * @param mailClass the postal class of all its envelopes (none for streams planned before
 * streams were cut by class)
 * @param state {@link #PLANNED} or {@link #WRITTEN}
 * @param envelopes envelopes in it
 * @param documents documents in it
 * @param sheets sheets in it
 * @param pages pages in it (sides, when the job is duplex)
 * @param sha256 SHA-256 of the file once written
 */
record PrintStream(RunRef run, int jobNo, int streamNo, String file, @Nullable String mailClass, String state,
		int envelopes, int documents, int sheets, int pages, @Nullable String sha256) {

	static final String PLANNED = "PLANNED";

	static final String WRITTEN = "WRITTEN";

	/**
	 * A new, empty stream for envelopes of a postal class.
	 */
	static PrintStream planned(RunRef run, int jobNo, int streamNo, String mailClass) {
		return new PrintStream(run, jobNo, streamNo, EnvelopePlanner.streamFile(streamNo), mailClass, PLANNED, 0, 0, 0,
				0, null);
	}

	/**
	 * Whether an envelope goes in this stream: of its postal class, and within the
	 * stream's size unless the stream is empty.
	 */
	boolean takes(Envelope envelope, int maxSheets) {
		return (this.mailClass == null || this.mailClass.equals(envelope.mailClass()))
				&& (this.sheets == 0 || this.sheets + envelope.sheets() <= maxSheets);
	}

	PrintStream written(String checksum) {
		return new PrintStream(this.run, this.jobNo, this.streamNo, this.file, this.mailClass, WRITTEN, this.envelopes,
				this.documents, this.sheets, this.pages, checksum);
	}

	PrintStream plus(int envelopeDocuments, int envelopeSheets, boolean duplexJob) {
		return new PrintStream(this.run, this.jobNo, this.streamNo, this.file, this.mailClass, this.state,
				this.envelopes + 1, this.documents + envelopeDocuments, this.sheets + envelopeSheets,
				this.pages + (duplexJob ? 2 * envelopeSheets : envelopeSheets), this.sha256);
	}

}
