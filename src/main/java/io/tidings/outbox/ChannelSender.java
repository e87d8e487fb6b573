package io.tidings.outbox;

import java.nio.file.Path;

/**
 * Hands rendered documents of one channel to a transport (a file outbox, an SMTP server,
 * an SMS provider). Delivery is keyed by the communication id: sending the same id twice
 * must not give the customer two messages where the transport allows it.
 */
public interface ChannelSender {

	Channel channel();

	/**
	 * Whether the transport recognises a document handed over twice (a file named by the
	 * communication id) and keeps one. One that does not (SMTP, an SMS provider) would
	 * give the recipient two messages, so the deliver stage records each hand-over before
	 * it happens and never repeats one whose answer a stop lost.
	 */
	default boolean idempotent() {
		return true;
	}

	/**
	 * Called once before a run's deliveries start, and again when a run resumes, so a
	 * transport can reconcile what it holds with the ledger.
	 */
	default void open(RunRef run) {
	}

	/**
	 * Like {@link #open(RunRef)}, for one partition of a run's deliveries: other
	 * partitions, in this process or others, may be delivering at the same time, so a
	 * transport reconciles only what belongs to the customers of this range.
	 */
	default void open(RunRef run, CustomerRange customers) {
		open(run);
	}

	/**
	 * Called when a run's deliveries end, also after a failure: a transport releases the
	 * connections it kept open between documents.
	 */
	default void close() {
	}

	/**
	 * Delivers one document.
	 * @param communication the ledger row
	 * @param document the archived document
	 * @return the new state and the transport's reference
	 * @throws DeliveryFailedException when the transport refuses this communication for
	 * good; transient failures throw {@link TransientDeliveryException}
	 */
	DeliveryResult send(Communication communication, Path document);

}
