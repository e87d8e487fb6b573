package io.tidings.campaign;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.Step;

/**
 * Makes the render stage a manager step that hands partitions to workers (present only
 * when scale-out is configured).
 */
@FunctionalInterface
interface CampaignPartitioning {

	Step managerStep(Partitioner partitioner);

}
