package io.tidings.campaign;

import io.tidings.customer.CustomerImport;
import io.tidings.customer.CustomerImportPartitions;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The campaign run job: import (when the job file names input files) → select the
 * audience → decide (plan communications into the outbox ledger, then schedule them by
 * the contact policy) → render → deliver what is due (email, SMS) while the print streams
 * of what is due on paper are written → complete, once both have (print manifest, job
 * ticket, checksums, {@code DONE}). A dry run stops after deciding. Render and deliver
 * read the ledger by state, so a restarted run picks up exactly what is left.
 * <p>
 * This class holds how the stages connect; the steps of each stage are declared in
 * {@link SelectStageConfiguration}, {@link PlanStageConfiguration},
 * {@link RenderStageConfiguration} and {@link DeliverStageConfiguration}, and the import
 * steps in the customer module.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CampaignRunSettings.class)
class CampaignRunJobConfiguration {

	@Bean
	Job campaignRunJob(JobRepository jobRepository, Step customerImportStep,
			ObjectProvider<CampaignPartitioning> partitioning, CustomerImportPartitions customerImportPartitions,
			Step transactionImportStep, JobExecutionDecider customerFileDecider,
			JobExecutionDecider transactionFileDecider, Step refreshScoringStep, Step selectAudienceStep,
			Step planCommunicationsStep, Step scheduleCommunicationsStep, JobExecutionDecider dryRunDecider,
			Step renderDocumentsStep, Flow deliverAndPrintFlow, Step completeRunStep) {
		CampaignPartitioning remote = partitioning.getIfAvailable();
		Step importStep = (remote != null) ? importInPartitions(jobRepository, remote, customerImportPartitions)
				: customerImportStep;
		return new JobBuilder("campaignRunJob", jobRepository).start(customerFileDecider)
			.on("CUSTOMERS")
			.to(importStep)
			.next(transactionFileDecider)
			.on(CustomerImport.TRANSACTIONS_GIVEN)
			.to(transactionImportStep)
			.next(refreshScoringStep)
			.from(transactionFileDecider)
			.on("*")
			.to(refreshScoringStep)
			.from(customerFileDecider)
			.on("*")
			.to(refreshScoringStep)
			.next(selectAudienceStep)
			.next(planCommunicationsStep)
			.next(scheduleCommunicationsStep)
			.next(dryRunDecider)
			.on("DRY_RUN")
			.end()
			.from(dryRunDecider)
			.on("*")
			.to(renderDocumentsStep)
			.next(deliverAndPrintFlow)
			.next(completeRunStep)
			.end()
			.build();
	}

	/**
	 * The customer import of a run with scale-out: the records read and checked in this
	 * process, then matched and merged by the workers in partitions of records that
	 * cannot meet each other's ({@link CustomerImportPartitions}); one step of the run,
	 * as in one process.
	 */
	private static Step importInPartitions(JobRepository jobRepository, CampaignPartitioning remote,
			CustomerImportPartitions partitions) {
		Flow flow = new FlowBuilder<Flow>("customerImportFlow").start(partitions.linkStep())
			.next(remote.managerStep("matchCustomersStep", RemotePartitioningConfiguration.MATCH_WORKER_STEP,
					partitions.partitioner()))
			.build();
		return new StepBuilder("customerImportStep", jobRepository).flow(flow)
			.listener(partitions.finish("matchCustomersStep"))
			.build();
	}

	@Bean
	JobExecutionDecider customerFileDecider() {
		return (jobExecution, stepExecution) -> {
			String file = jobExecution.getJobParameters().getString(CustomerImport.CUSTOMERS_FILE);
			return new FlowExecutionStatus((file != null && !file.isEmpty()) ? "CUSTOMERS" : "NO_CUSTOMERS");
		};
	}

	@Bean
	JobExecutionDecider dryRunDecider() {
		return (jobExecution, stepExecution) -> new FlowExecutionStatus(
				"true".equals(jobExecution.getJobParameters().getString(CampaignRunContext.DRY_RUN)) ? "DRY_RUN"
						: "SEND");
	}

}
