package io.tidings.campaign;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.tidings.ProgressListener;
import io.tidings.customer.CustomerRepository;
import io.tidings.offer.OfferVolumes;
import io.tidings.offer.ProductAssociations;
import io.tidings.offer.PropensityEstimator;
import io.tidings.offer.PropensityModels;
import io.tidings.offer.ResponseScores;
import io.tidings.outbox.ContactHistory;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationPlan;
import io.tidings.outbox.OutboxLedger;
import io.tidings.policy.ConsentRegistry;
import io.tidings.render.TemplateEngine;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The plan stage of a campaign run (the "decide" of its progress lines): plan the
 * communications of each audience member into the outbox ledger, then schedule them by
 * the contact policy. A dry run ends after this stage.
 */
@Configuration(proxyBeanMethods = false)
class PlanStageConfiguration {

	@Bean
	Step planCommunicationsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CampaignRunSettings settings, AudienceReader audienceItemReader,
			ItemProcessor<AudienceMember, List<CommunicationPlan>> communicationPlanItemProcessor,
			OutboxLedger ledger) {
		return new StepBuilder("planCommunicationsStep", jobRepository)
			.<AudienceMember, List<CommunicationPlan>>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(audienceItemReader)
			.processor(communicationPlanItemProcessor)
			.writer(chunk -> ledger.plan(chunk.getItems().stream().flatMap(List::stream).toList()))
			.listener(new ProgressListener("decide"))
			.build();
	}

	@Bean
	@StepScope
	AudienceReader audienceItemReader(AudienceRepository audience,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters) {
		return audience.reader("audienceItemReader", CampaignRunContext.from(parameters).run());
	}

	@Bean
	@StepScope
	ItemProcessor<AudienceMember, List<CommunicationPlan>> communicationPlanItemProcessor(ResponseScores scores,
			PropensityModels models, ContactHistory history, TemplateEngine templates, ConsentRegistry consents,
			ProductAssociations associations,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters) {
		CampaignRunContext context = CampaignRunContext.from(parameters);
		return new CommunicationPlanner(context, scores, new PropensityEstimator(models::latest),
				new OfferVolumes(history.offeredCounts(context.run())), templates, consents, associations.load())::plan;
	}

	@Bean
	Step scheduleCommunicationsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CampaignRunSettings settings, JdbcCursorItemReader<Communication> unscheduledCommunicationItemReader,
			CommunicationScheduleWriter communicationScheduleItemWriter) {
		return new StepBuilder("scheduleCommunicationsStep", jobRepository)
			.<Communication, Communication>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(unscheduledCommunicationItemReader)
			.writer(communicationScheduleItemWriter)
			.listener(new ProgressListener("schedule"))
			.build();
	}

	@Bean
	@StepScope
	JdbcCursorItemReader<Communication> unscheduledCommunicationItemReader(CommunicationReaders readers,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters) {
		return readers.unscheduledReader("unscheduledCommunicationItemReader",
				CampaignRunContext.from(parameters).run());
	}

	@Bean
	@StepScope
	CommunicationScheduleWriter communicationScheduleItemWriter(OutboxLedger ledger, ContactHistory history,
			CustomerRepository customers, Clock clock,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters) {
		return new CommunicationScheduleWriter(CampaignRunContext.from(parameters), ledger, history, customers, clock);
	}

}
