package io.tidings.campaign;

import io.tidings.CrashPoint;
import io.tidings.print.PrintProduction;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Last stage of a run: writes the print shop's manifest, job ticket, checksums and
 * {@code DONE} marker when the run printed anything.
 */
class RunCompletionTasklet implements Tasklet {

	private final CampaignRunContext context;

	private final PrintProduction print;

	RunCompletionTasklet(CampaignRunContext context, PrintProduction print) {
		this.context = context;
		this.print = print;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		CrashPoint.reach("complete started");
		this.print.complete(this.context.run());
		return RepeatStatus.FINISHED;
	}

}
