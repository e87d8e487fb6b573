package io.tidings.campaign;

import io.tidings.print.PrintProduction;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The print stage of a run: one step of print production per call, each in a transaction
 * of its own, until the run's print streams are all written.
 */
class PrintStreamsTasklet implements Tasklet {

	private final CampaignRunContext context;

	private final PrintProduction print;

	PrintStreamsTasklet(CampaignRunContext context, PrintProduction print) {
		this.context = context;
		this.print = print;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		boolean more = this.print.produceNext(this.context.run(), this.context.definition().templates().folder());
		return more ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
	}

}
