package io.tidings.campaign;

import io.tidings.outbox.Communication;
import io.tidings.outbox.OutboxLedger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.listener.SkipListener;

/**
 * Records a communication whose document could not be rendered as failed in the ledger,
 * with the reason; the run goes on with the others.
 */
class FailedCommunicationListener implements SkipListener<Communication, Object> {

	private static final Logger logger = LoggerFactory.getLogger(FailedCommunicationListener.class);

	private final OutboxLedger ledger;

	FailedCommunicationListener(OutboxLedger ledger) {
		this.ledger = ledger;
	}

	@Override
	public void onSkipInProcess(Communication communication, Throwable failure) {
		logger.warn("Communication {} failed to render: {}", communication.id(), failure.getMessage());
		this.ledger.markFailed(communication.id(), failure.getMessage());
	}

}
