package io.tidings.print;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.RunRef;

/**
 * One envelope of a run.
 *
 * @param envelopeId its id: a code of the run and its number in presort order
 * @param run the campaign run
 * @param seq its number in presort order, from 1
 * @param groupKey the group of its documents
 * @param mailClass postal class
 * @param country destination country
 * @param presortKey presort key of its first document
 * @param documents documents in it
 * @param sheets sheets in it
 * @param streamNo the stream it is printed in, once its last document is known
 */
record Envelope(String envelopeId, RunRef run, long seq, String groupKey, String mailClass, String country,
		String presortKey, int documents, int sheets, @Nullable Integer streamNo) {

	Envelope with(int documents, int sheets, @Nullable Integer streamNo) {
		return new Envelope(this.envelopeId, this.run, this.seq, this.groupKey, this.mailClass, this.country,
				this.presortKey, documents, sheets, streamNo);
	}

}
