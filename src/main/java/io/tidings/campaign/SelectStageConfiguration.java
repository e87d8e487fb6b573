package io.tidings.campaign;

import java.util.Map;

import io.tidings.DatabaseDialect;
import io.tidings.ProgressListener;
import io.tidings.TableStatistics;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.offer.ProductAssociations;
import io.tidings.offer.PropensityEstimator;
import io.tidings.offer.PropensityModels;
import io.tidings.offer.UpliftModels;
import io.tidings.offer.ResponseScores;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The select stage of a campaign run: refresh the scoring (product associations and
 * propensity models) the selection works from, then select the audience from all
 * customers into the run's audience.
 */
@Configuration(proxyBeanMethods = false)
class SelectStageConfiguration {

	@Bean
	Step refreshScoringStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			@Qualifier("scoringRefreshTasklet") ScoringRefreshTasklet scoringRefreshTasklet) {
		return new StepBuilder("refreshScoringStep", jobRepository).tasklet(scoringRefreshTasklet, transactionManager)
			.build();
	}

	@Bean
	@StepScope
	ScoringRefreshTasklet scoringRefreshTasklet(ProductAssociations associations, PropensityModels models,
			UpliftModels upliftModels, @Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters) {
		return new ScoringRefreshTasklet(CampaignRunContext.from(parameters), associations, models, upliftModels);
	}

	@Bean
	Step selectAudienceStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CampaignRunSettings settings, JdbcCursorItemReader<Customer> allCustomersItemReader,
			ItemProcessor<Customer, AudienceMember> audienceItemProcessor,
			@Qualifier("audienceItemWriter") ItemWriter<AudienceMember> audienceItemWriter, DatabaseDialect dialect) {
		return new StepBuilder("selectAudienceStep", jobRepository)
			.<Customer, AudienceMember>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(allCustomersItemReader)
			.processor(audienceItemProcessor)
			.writer(audienceItemWriter)
			.listener(new ProgressListener("select"))
			.listener(new TableStatistics(dialect, "run_audience"))
			.build();
	}

	@Bean
	@StepScope
	JdbcCursorItemReader<Customer> allCustomersItemReader(CustomerRepository customers) {
		return customers.reader("allCustomersItemReader");
	}

	@Bean
	@StepScope
	ItemProcessor<Customer, AudienceMember> audienceItemProcessor(CustomerRepository customers, PropensityModels models,
			UpliftModels upliftModels, ResponseScores scores, ProductAssociations associations,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters) {
		CampaignRunContext context = CampaignRunContext.from(parameters);
		CampaignDefinition.ValueTiers shares = context.definition().valueTiers();
		return new AudienceSelector(context, customers.valueTierThresholds(shares.core(), shares.high()),
				new PropensityEstimator(models::latest, upliftModels::latest), scores, associations.load())::select;
	}

	@Bean
	@StepScope
	ItemWriter<AudienceMember> audienceItemWriter(AudienceRepository audience,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters) {
		CampaignRunContext context = CampaignRunContext.from(parameters);
		return chunk -> audience.addAll(context.run(), chunk.getItems());
	}

}
