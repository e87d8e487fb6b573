package io.tidings.campaign;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.tidings.ApplicationThreads;
import io.tidings.ProgressListener;
import io.tidings.archive.DocumentArchive;
import io.tidings.customer.AccountTransactionRepository;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerImport;
import io.tidings.customer.CustomerRepository;
import io.tidings.offer.OfferVolumes;
import io.tidings.offer.ProductAssociations;
import io.tidings.offer.PropensityEstimator;
import io.tidings.offer.PropensityModels;
import io.tidings.offer.ResponseScores;
import io.tidings.outbox.Channel;
import io.tidings.outbox.ChannelSender;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationPlan;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.ContactHistory;
import io.tidings.outbox.DocumentComposer;
import io.tidings.outbox.DocumentRejectedException;
import io.tidings.outbox.OutboxLedger;
import io.tidings.preference.PreferenceLinks;
import io.tidings.outbox.RunRef;
import io.tidings.policy.ConsentRegistry;
import io.tidings.print.PrintProduction;
import io.tidings.render.TemplateEngine;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The campaign run job: import (when the job file names input files) → select the
 * audience → decide (plan communications into the outbox ledger, then schedule them by
 * the contact policy) → render → deliver what is due (email, SMS) → print streams of what
 * is due on paper → complete (print manifest, job ticket, checksums, {@code DONE}). A dry
 * run stops after deciding. Render and deliver read the ledger by state, so a restarted
 * run picks up exactly what is left.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CampaignRunSettings.class)
class CampaignRunJobConfiguration {

	private static final String JOB_PARAMETERS = "#{jobParameters}";

	@Bean
	Job campaignRunJob(JobRepository jobRepository, Step customerImportStep, Step transactionImportStep,
			JobExecutionDecider customerFileDecider, JobExecutionDecider transactionFileDecider,
			Step refreshScoringStep, Step selectAudienceStep, Step planCommunicationsStep,
			Step scheduleCommunicationsStep, JobExecutionDecider dryRunDecider, Step renderDocumentsStep,
			Step deliverCommunicationsStep, Step printStreamsStep, Step completeRunStep) {
		return new JobBuilder("campaignRunJob", jobRepository).start(customerFileDecider)
			.on("CUSTOMERS")
			.to(customerImportStep)
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
			.next(deliverCommunicationsStep)
			.next(printStreamsStep)
			.next(completeRunStep)
			.end()
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

	@Bean
	Step selectAudienceStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CampaignRunSettings settings, JdbcCursorItemReader<Customer> allCustomersItemReader,
			ItemProcessor<Customer, AudienceMember> audienceItemProcessor,
			ItemWriter<AudienceMember> audienceItemWriter) {
		return new StepBuilder("selectAudienceStep", jobRepository)
			.<Customer, AudienceMember>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(allCustomersItemReader)
			.processor(audienceItemProcessor)
			.writer(audienceItemWriter)
			.listener(new ProgressListener("select"))
			.build();
	}

	@Bean
	Step refreshScoringStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			@Qualifier("scoringRefreshTasklet") ScoringRefreshTasklet scoringRefreshTasklet) {
		return new StepBuilder("refreshScoringStep", jobRepository).tasklet(scoringRefreshTasklet, transactionManager)
			.build();
	}

	@Bean
	@StepScope
	ScoringRefreshTasklet scoringRefreshTasklet(ProductAssociations associations, PropensityModels models,
			@Value(JOB_PARAMETERS) Map<String, Object> parameters) {
		return new ScoringRefreshTasklet(CampaignRunContext.from(parameters), associations, models);
	}

	@Bean
	@StepScope
	JdbcCursorItemReader<Customer> allCustomersItemReader(CustomerRepository customers) {
		return customers.reader("allCustomersItemReader");
	}

	@Bean
	@StepScope
	ItemProcessor<Customer, AudienceMember> audienceItemProcessor(CustomerRepository customers, PropensityModels models,
			ResponseScores scores, ProductAssociations associations,
			@Value(JOB_PARAMETERS) Map<String, Object> parameters) {
		CampaignRunContext context = CampaignRunContext.from(parameters);
		CampaignDefinition.ValueTiers shares = context.definition().valueTiers();
		return new AudienceSelector(context, customers.valueTierThresholds(shares.core(), shares.high()),
				new PropensityEstimator(models::latest), scores, associations.load())::select;
	}

	@Bean
	@StepScope
	ItemWriter<AudienceMember> audienceItemWriter(AudienceRepository audience,
			@Value(JOB_PARAMETERS) Map<String, Object> parameters) {
		CampaignRunContext context = CampaignRunContext.from(parameters);
		return chunk -> audience.addAll(context.run(), chunk.getItems());
	}

	@Bean
	Step planCommunicationsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CampaignRunSettings settings, JdbcCursorItemReader<AudienceMember> audienceItemReader,
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
	JdbcCursorItemReader<AudienceMember> audienceItemReader(AudienceRepository audience,
			@Value(JOB_PARAMETERS) Map<String, Object> parameters) {
		return audience.reader("audienceItemReader", CampaignRunContext.from(parameters).run());
	}

	@Bean
	@StepScope
	ItemProcessor<AudienceMember, List<CommunicationPlan>> communicationPlanItemProcessor(ResponseScores scores,
			PropensityModels models, ContactHistory history, TemplateEngine templates, ConsentRegistry consents,
			ProductAssociations associations, @Value(JOB_PARAMETERS) Map<String, Object> parameters) {
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
			@Value(JOB_PARAMETERS) Map<String, Object> parameters) {
		return readers.unscheduledReader("unscheduledCommunicationItemReader",
				CampaignRunContext.from(parameters).run());
	}

	@Bean
	@StepScope
	CommunicationScheduleWriter communicationScheduleItemWriter(OutboxLedger ledger, ContactHistory history,
			CustomerRepository customers, Clock clock, @Value(JOB_PARAMETERS) Map<String, Object> parameters) {
		return new CommunicationScheduleWriter(CampaignRunContext.from(parameters), ledger, history, customers, clock);
	}

	@Bean
	Step renderDocumentsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CampaignRunSettings settings, JdbcCursorItemReader<Communication> plannedCommunicationItemReader,
			CommunicationRenderProcessor communicationRenderItemProcessor, OutboxLedger ledger,
			ThreadPoolTaskExecutor renderTaskExecutor, ObjectProvider<CampaignPartitioning> partitioning,
			@Qualifier("renderPartitioner") ObjectProvider<Partitioner> renderPartitioner) {
		CampaignPartitioning remote = partitioning.getIfAvailable();
		if (remote != null) {
			return remote.managerStep(renderPartitioner.getObject());
		}
		return renderStep(new StepBuilder("renderDocumentsStep", jobRepository), transactionManager, settings,
				plannedCommunicationItemReader, communicationRenderItemProcessor, ledger, renderTaskExecutor);
	}

	/**
	 * The render stage, in this process or as a worker's partition of it.
	 */
	static Step renderStep(StepBuilder builder, PlatformTransactionManager transactionManager,
			CampaignRunSettings settings, JdbcCursorItemReader<Communication> plannedCommunicationItemReader,
			CommunicationRenderProcessor communicationRenderItemProcessor, OutboxLedger ledger,
			ThreadPoolTaskExecutor renderTaskExecutor) {
		var step = builder.<Communication, RenderedCommunication>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(plannedCommunicationItemReader)
			.processor(communicationRenderItemProcessor)
			.writer(chunk -> chunk.forEach(rendered -> ledger.markRendered(rendered.id(), rendered.archivePath(),
					rendered.sha256(), rendered.pageCount())))
			.listener(new ProgressListener("render", true))
			.faultTolerant()
			.skip(DocumentRejectedException.class)
			.skipLimit(settings.maxFailedDocuments())
			.skipListener(new FailedCommunicationListener(ledger));
		// rendering is the costly stage: the items of a chunk are rendered on all
		// processors, and written (marked rendered) together in the chunk's transaction
		return (settings.renderThreadCount() > 1) ? step.taskExecutor(renderTaskExecutor).build() : step.build();
	}

	@Bean
	ThreadPoolTaskExecutor renderTaskExecutor(CampaignRunSettings settings) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(settings.renderThreadCount());
		executor.setMaxPoolSize(settings.renderThreadCount());
		executor.setThreadFactory(ApplicationThreads.named("render-"));
		return executor;
	}

	@Bean
	@StepScope
	JdbcCursorItemReader<Communication> plannedCommunicationItemReader(CommunicationReaders readers,
			@Value(JOB_PARAMETERS) Map<String, Object> parameters,
			@Value("#{stepExecutionContext['" + CustomerRangePartitioner.FIRST_CUSTOMER + "']}") @Nullable String first,
			@Value("#{stepExecutionContext['" + CustomerRangePartitioner.LAST_CUSTOMER + "']}") @Nullable String last) {
		RunRef run = CampaignRunContext.from(parameters).run();
		if (first != null && last != null) {
			return readers.reader("plannedCommunicationItemReader", run, CommunicationState.PLANNED, first, last);
		}
		return readers.reader("plannedCommunicationItemReader", run, CommunicationState.PLANNED);
	}

	@Bean
	@StepScope
	CommunicationRenderProcessor communicationRenderItemProcessor(CustomerRepository customers,
			AccountTransactionRepository transactions, PreferenceLinks links, List<DocumentComposer> composers,
			DocumentArchive archive, @Value(JOB_PARAMETERS) Map<String, Object> parameters) {
		return new CommunicationRenderProcessor(
				new DocumentModelFactory(CampaignRunContext.from(parameters), transactions, links), customers,
				composers, archive);
	}

	@Bean
	Step deliverCommunicationsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CampaignRunSettings settings, JdbcCursorItemReader<Communication> renderedCommunicationItemReader,
			CommunicationDeliveryWriter communicationDeliveryItemWriter) {
		return new StepBuilder("deliverCommunicationsStep", jobRepository)
			.<Communication, Communication>chunk(settings.deliveryChunkSize())
			.transactionManager(transactionManager)
			.reader(renderedCommunicationItemReader)
			.writer(communicationDeliveryItemWriter)
			.stream(communicationDeliveryItemWriter)
			.listener(new ProgressListener("deliver"))
			.build();
	}

	@Bean
	@StepScope
	JdbcCursorItemReader<Communication> renderedCommunicationItemReader(CommunicationReaders readers, Clock clock,
			@Value(JOB_PARAMETERS) Map<String, Object> parameters) {
		// printed documents go into print streams in the print stage, not one by one
		return readers.dueReader("renderedCommunicationItemReader", CampaignRunContext.from(parameters).run(),
				CommunicationState.RENDERED, EnumSet.complementOf(EnumSet.of(Channel.PRINT)), clock.instant());
	}

	@Bean
	@StepScope
	CommunicationDeliveryWriter communicationDeliveryItemWriter(List<ChannelSender> senders, OutboxLedger ledger,
			DocumentArchive archive, CampaignRunSettings settings, CustomerRepository customers,
			ConsentRegistry consents, Clock clock, PlatformTransactionManager transactionManager,
			@Value(JOB_PARAMETERS) Map<String, Object> parameters) {
		CampaignRunContext context = CampaignRunContext.from(parameters);
		return new CommunicationDeliveryWriter(senders, ledger, archive, context.run(), settings,
				new DeliveryGate(context, customers, consents, ledger, clock), clock, transactionManager);
	}

	@Bean
	Step printStreamsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			@Qualifier("printStreamsTasklet") PrintStreamsTasklet printStreamsTasklet) {
		return new StepBuilder("printStreamsStep", jobRepository).tasklet(printStreamsTasklet, transactionManager)
			.build();
	}

	@Bean
	@StepScope
	PrintStreamsTasklet printStreamsTasklet(PrintProduction print, CustomerRepository customers,
			ConsentRegistry consents, OutboxLedger ledger, Clock clock,
			@Value(JOB_PARAMETERS) Map<String, Object> parameters) {
		CampaignRunContext context = CampaignRunContext.from(parameters);
		return new PrintStreamsTasklet(context, print, new DeliveryGate(context, customers, consents, ledger, clock),
				clock);
	}

	@Bean
	Step completeRunStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			@Qualifier("runCompletionTasklet") RunCompletionTasklet runCompletionTasklet) {
		return new StepBuilder("completeRunStep", jobRepository).tasklet(runCompletionTasklet, transactionManager)
			.build();
	}

	@Bean
	@StepScope
	RunCompletionTasklet runCompletionTasklet(PrintProduction print,
			@Value(JOB_PARAMETERS) Map<String, Object> parameters) {
		return new RunCompletionTasklet(CampaignRunContext.from(parameters), print);
	}

}
