package io.tidings.print;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.RunRef;

/**
 * A printed document, or a recipient's copy of it, with its place in the presort order
 * and, once planned, its envelope.
 *
 * @param communicationId the communication
 * @param recipient {@code customer}, or the code of the recipient of a copy
 * @param run the campaign run
 * @param customerId the customer
 * @param kind the document kind
 * @param archivePath where the archived PDF is (a file, or pages of a batch's file)
 * @param contentSha256 its SHA-256
 * @param pages its pages
 * @param sheets sheets it takes in the job (blank backs and carrier sheet included)
 * @param duplex whether its kind is printed on both sides
 * @param country destination country
 * @param presortKey country, postal code and household, as the manifest shows it
 * @param sortKey the order in the run
 * @param groupKey documents with the same group share an envelope
 * @param mailClass postal class
 * @param envelopeId its envelope, once planned
 * @param position its place in the envelope, from 1
 */
record PrintItem(String communicationId, String recipient, RunRef run, String customerId, DocumentKind kind,
		String archivePath, String contentSha256, int pages, int sheets, boolean duplex, String country,
		String presortKey, String sortKey, String groupKey, String mailClass, @Nullable String envelopeId,
		@Nullable Integer position) {

	boolean isCopy() {
		return !PrintItems.CUSTOMER.equals(this.recipient);
	}

	PrintItem inEnvelope(String envelope, int place) {
		return new PrintItem(this.communicationId, this.recipient, this.run, this.customerId, this.kind,
				this.archivePath, this.contentSha256, this.pages, this.sheets, this.duplex, this.country,
				this.presortKey, this.sortKey, this.groupKey, this.mailClass, envelope, place);
	}

}
