package io.tidings.campaign;

import io.tidings.outbox.Channel;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.OutboxLedger;
import io.tidings.print.PrintManifest;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Last stage of a run: writes the print shop's manifest and {@code DONE} marker when the
 * run printed anything.
 */
class RunCompletionTasklet implements Tasklet {

	private final CampaignRunContext context;

	private final OutboxLedger ledger;

	private final PrintManifest manifest;

	RunCompletionTasklet(CampaignRunContext context, OutboxLedger ledger, PrintManifest manifest) {
		this.context = context;
		this.ledger = ledger;
		this.manifest = manifest;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		boolean printed = this.ledger.tally(this.context.run())
			.stream()
			.anyMatch(tally -> tally.channel() == Channel.PRINT && tally.state() == CommunicationState.PRINTED);
		if (printed) {
			this.manifest.write(this.context.run());
		}
		return RepeatStatus.FINISHED;
	}

}
