package io.tidings.campaign;

import io.tidings.ApplicationThreads;
import io.tidings.RunLogContext;
import io.tidings.customer.CustomerImport;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The campaign run job: import the customers (when the job file names input files) →
 * select the audience → decide (plan communications into the outbox ledger, then schedule
 * them by the contact policy), with the account transactions imported at the same time
 * (only the render stage reads them) → render → deliver what is due (email, SMS) while
 * the print streams of what is due on paper are written → complete, once both have (print
 * manifest, job ticket, checksums, {@code DONE}). A dry run stops after deciding. Render
 * and deliver read the ledger by state, so a restarted run picks up exactly what is left.
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
	Job campaignRunJob(JobRepository jobRepository, Step customerImportStep, Step transactionImportStep,
			JobExecutionDecider customerFileDecider, JobExecutionDecider transactionFileDecider,
			Step refreshScoringStep, Step selectAudienceStep, Step planCommunicationsStep,
			Step scheduleCommunicationsStep, JobExecutionDecider dryRunDecider, Step renderDocumentsStep,
			Flow deliverAndPrintFlow, Step completeRunStep) {
		Flow transactions = new FlowBuilder<SimpleFlow>("transactionImportFlow").start(transactionFileDecider)
			.on(CustomerImport.TRANSACTIONS_GIVEN)
			.to(transactionImportStep)
			.from(transactionFileDecider)
			.on("*")
			.end()
			.build();
		Flow selectAndDecide = new FlowBuilder<SimpleFlow>("selectAndDecideFlow").start(refreshScoringStep)
			.next(selectAudienceStep)
			.next(planCommunicationsStep)
			.next(scheduleCommunicationsStep)
			.build();
		// only the render stage reads transactions: their import goes on beside the
		// selection and deciding, which read the customers alone
		Flow transactionsBesideDeciding = new FlowBuilder<SimpleFlow>("transactionsBesideDecidingFlow")
			.split(sideBySideThreads("transactions-and-decide-"))
			.add(transactions, selectAndDecide)
			.build();
		return new JobBuilder("campaignRunJob", jobRepository).start(customerFileDecider)
			.on("CUSTOMERS")
			.to(customerImportStep)
			.next(transactionsBesideDeciding)
			.from(customerFileDecider)
			.on("*")
			.to(transactionsBesideDeciding)
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

	/** A thread per side of a split of the run, which logs with the run's context. */
	static SimpleAsyncTaskExecutor sideBySideThreads(String prefix) {
		SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(ApplicationThreads.named(prefix));
		threads.setTaskDecorator(RunLogContext::carry);
		return threads;
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
