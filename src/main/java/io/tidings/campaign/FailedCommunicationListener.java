package io.tidings.campaign;

import io.tidings.outbox.Communication;
import io.tidings.outbox.OutboxLedger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.listener.SkipListener;

/**
 * Records a communication whose document could not be rendered as failed in the ledger,
 * with the reason; the run goes on with the others. The log names only the communication:
 * a reason can quote a customer's data (the character of a name that no font has).
 */
class FailedCommunicationListener implements SkipListener<Communication, Object> {

	private static final Logger logger = LoggerFactory.getLogger(FailedCommunicationListener.class);

	private final OutboxLedger ledger;

	FailedCommunicationListener(OutboxLedger ledger) {
		this.ledger = ledger;
	}

	@Override
	public void onSkipInProcess(Communication communication, Throwable failure) {
		logger.warn("Communication {} failed to render; the reason is in the ledger (tidings show {})",
				communication.id(), communication.id());
		this.ledger.markFailed(communication.id(), "render-failed", String.valueOf(failure.getMessage()));
	}

}
