package io.tidings.campaign;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delivery pass of a campaign run that completed with deferred communications: render
 * what is still planned, then deliver what has become due while what has become due on
 * paper is printed as a print job of its own. The same steps as the campaign run's last
 * stages; each pass is its own job instance (campaign, run key and the moment of the
 * pass), started by running the campaign again.
 */
@Configuration(proxyBeanMethods = false)
class CampaignDeliveryJobConfiguration {

	static final String PASS = "deliveryPass";

	@Bean
	Job campaignDeliveryJob(JobRepository jobRepository, Step renderDocumentsStep, Flow deliverAndPrintFlow,
			Step completeRunStep) {
		return new JobBuilder("campaignDeliveryJob", jobRepository).flow(renderDocumentsStep)
			.next(deliverAndPrintFlow)
			.next(completeRunStep)
			.end()
			.build();
	}

}
