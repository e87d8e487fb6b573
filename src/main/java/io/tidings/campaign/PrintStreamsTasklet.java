package io.tidings.campaign;

import java.time.Clock;

import io.tidings.print.PrintProduction;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The print stage of a run: one step of print production per call, each in a transaction
 * of its own, until the streams of what is due on paper are all written. The contact
 * policy is checked once more for each document, as for the other channels at delivery,
 * with the customers and what they allow read once for each page of documents.
 */
class PrintStreamsTasklet implements Tasklet {

	private final CampaignRunContext context;

	private final PrintProduction print;

	private final DeliveryGate gate;

	private final Clock clock;

	PrintStreamsTasklet(CampaignRunContext context, PrintProduction print, DeliveryGate gate, Clock clock) {
		this.context = context;
		this.print = print;
		this.gate = gate;
		this.clock = clock;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		var now = this.clock.instant();
		boolean more = this.print.produceNext(this.context.run(), this.context.definition().templates().folder(), now,
				this.gate.at(now));
		return more ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
	}

}
