package io.tidings.campaign;

import java.util.Map;

import org.jspecify.annotations.Nullable;

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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The select stage of a campaign run: refresh the scoring (product associations and
 * propensity models) the selection works from, then select the audience from all
 * customers into the run's audience. The selection runs in this process, or, when
 * scale-out is configured, as a manager step whose partitions (ranges of customer ids,
 * {@link CustomerBasePartitioner}) {@link RemotePartitioningConfiguration} workers run.
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
		models.forgetLoaded();
		upliftModels.forgetLoaded();
		return new ScoringRefreshTasklet(CampaignRunContext.from(parameters), associations, models, upliftModels);
	}

	@Bean
	Step selectAudienceStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CampaignRunSettings settings, JdbcCursorItemReader<Customer> allCustomersItemReader,
			ItemProcessor<Customer, AudienceMember> audienceItemProcessor,
			@Qualifier("audienceItemWriter") ItemWriter<AudienceMember> audienceItemWriter, DatabaseDialect dialect,
			ObjectProvider<CampaignPartitioning> partitioning, CustomerRepository customers) {
		CampaignPartitioning remote = partitioning.getIfAvailable();
		if (remote != null) {
			return remote.managerStep("selectAudienceStep", RemotePartitioningConfiguration.SELECT_WORKER_STEP,
					new CustomerBasePartitioner(customers));
		}
		return selectStep(new StepBuilder("selectAudienceStep", jobRepository), transactionManager, settings,
				allCustomersItemReader, audienceItemProcessor, audienceItemWriter, dialect);
	}

	/**
	 * The selection, in this process or as a worker's partition of it (a range of
	 * customer ids): each customer read, selected or not, and the audience written a
	 * chunk at once.
	 */
	static Step selectStep(StepBuilder builder, PlatformTransactionManager transactionManager,
			CampaignRunSettings settings, JdbcCursorItemReader<Customer> allCustomersItemReader,
			ItemProcessor<Customer, AudienceMember> audienceItemProcessor,
			ItemWriter<AudienceMember> audienceItemWriter, DatabaseDialect dialect) {
		return builder.<Customer, AudienceMember>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(allCustomersItemReader)
			.processor(audienceItemProcessor)
			.writer(audienceItemWriter)
			.listener(new ProgressListener("select"))
			.listener(new TableStatistics(dialect, "run_audience"))
			.build();
	}

	/**
	 * The customers to select from: all, or the range of a worker's partition.
	 */
	@Bean
	@StepScope
	JdbcCursorItemReader<Customer> allCustomersItemReader(CustomerRepository customers,
			@Value(CustomerRangePartitioner.STEP_FIRST_CUSTOMER) @Nullable String first,
			@Value(CustomerRangePartitioner.STEP_LAST_CUSTOMER) @Nullable String last) {
		return customers.reader("allCustomersItemReader",
				(first != null && last != null) ? new CustomerRepository.IdRange(first, last) : null);
	}

	@Bean
	@StepScope
	ItemProcessor<Customer, AudienceMember> audienceItemProcessor(CustomerRepository customers, PropensityModels models,
			UpliftModels upliftModels, ResponseScores scores, ProductAssociations associations,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters) {
		CampaignRunContext context = CampaignRunContext.from(parameters);
		models.forgetLoaded();
		upliftModels.forgetLoaded();
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
