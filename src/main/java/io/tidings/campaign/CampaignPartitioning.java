package io.tidings.campaign;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.Step;

/**
 * Makes a stage a manager step that hands partitions to workers (present only when
 * scale-out is configured).
 */
@FunctionalInterface
interface CampaignPartitioning {

	/**
	 * @param name the stage's step name, as in a run in one process
	 * @param workerStep the name of the step a worker runs for each partition
	 * @param partitioner splits the stage
	 */
	Step managerStep(String name, String workerStep, Partitioner partitioner);

}
