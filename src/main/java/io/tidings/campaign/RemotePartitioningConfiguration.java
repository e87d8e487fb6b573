package io.tidings.campaign;

import java.util.EnumSet;
import java.util.Map;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidings.ApplicationThreads;
import io.tidings.DatabaseDialect;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerImportPartitions;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.OutboxLedger;
import io.tidings.outbox.StageWork;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilder;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.jms.dsl.Jms;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Scale-out of the import, select, decide, render and deliver stages (print preparation
 * included) with Spring Batch remote partitioning over an Apache Artemis broker, used
 * when {@code tidings.partitioning.broker-url} is set. The manager (the
 * {@code tidings run} process) splits the customer base to select from, the audience to
 * plan and schedule, then what is left to render, then what is left to deliver by email
 * and SMS, into customer-id ranges and sends one request per range to a queue; each
 * {@code tidings worker} takes one request at a time and runs that range, reporting to
 * the shared job repository, which the manager polls. The run-wide limits of deciding
 * (offer volume caps, daily capacity) are shared out between the partitions
 * ({@link RunWideShares}). The printed documents are placed in presort order in
 * partitions too, before the deliveries; the manager then puts them in envelopes and
 * writes the print streams (cut in presort order over the whole run) while the workers
 * deliver. The customer import is matched and merged in partitions of records that cannot
 * meet each other's ({@link io.tidings.customer.CustomerImportPartitions}), after the
 * manager has read and checked every record; the account transactions are imported by the
 * manager.
 * <p>
 * A worker receives a request in a JMS transaction that commits only once the partition
 * has run: when a worker dies, the broker gives the request to another worker, which runs
 * the partition again from what the ledger still holds as planned.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "tidings.partitioning", name = "broker-url")
@EnableConfigurationProperties(PartitioningSettings.class)
@EnableIntegration
class RemotePartitioningConfiguration {

	static final String MATCH_WORKER_STEP = "matchCustomersPartitionStep";

	static final String SELECT_WORKER_STEP = "selectAudiencePartitionStep";

	static final String PLAN_WORKER_STEP = "planCommunicationsPartitionStep";

	static final String SCHEDULE_WORKER_STEP = "scheduleCommunicationsPartitionStep";

	static final String RENDER_WORKER_STEP = "renderDocumentsPartitionStep";

	static final String DELIVER_WORKER_STEP = "deliverCommunicationsPartitionStep";

	static final String PREPARE_PRINT_WORKER_STEP = "preparePrintPartitionStep";

	private static final Logger logger = LoggerFactory.getLogger(RemotePartitioningConfiguration.class);

	@Bean
	ConnectionFactory partitioningConnectionFactory(PartitioningSettings settings) {
		ActiveMQConnectionFactory connectionFactory = new ActiveMQConnectionFactory(settings.brokerUrl(),
				settings.user(), settings.password());
		// no request waits in a busy worker's buffer while another worker is free
		connectionFactory.setConsumerWindowSize(0);
		return connectionFactory;
	}

	@Bean
	DirectChannel partitionRequests() {
		return new DirectChannel();
	}

	/**
	 * Requests go as text ({@code <step name> <step execution id>}): nothing is
	 * deserialised from the network into Java objects.
	 */
	@Bean
	IntegrationFlow partitionRequestFlow(DirectChannel partitionRequests,
			ConnectionFactory partitioningConnectionFactory, PartitioningSettings settings) {
		return IntegrationFlow.from(partitionRequests)
			.transform(StepExecutionRequest.class,
					request -> request.getStepName() + " " + request.getStepExecutionId())
			.handle(Jms.outboundAdapter(partitioningConnectionFactory).destination(settings.queue()))
			.get();
	}

	@Bean
	CampaignPartitioning campaignPartitioning(JobRepository jobRepository, BeanFactory beanFactory,
			DirectChannel partitionRequests, PartitioningSettings settings) {
		return (name, workerStep, partitioner) -> new RemotePartitioningManagerStepBuilder(name, jobRepository)
			.partitioner(workerStep, partitioner)
			.gridSize(settings.gridSize())
			.outputChannel(partitionRequests)
			// a partitioned stage ends within a tenth of a second of its last partition
			// (a quarter of a second later on average at 500 ms, in each of the four
			// stages); a poll reads the job's step executions from the job repository
			.pollInterval(100)
			.timeout(settings.timeout().isZero() ? -1 : settings.timeout().toMillis())
			.beanFactory(beanFactory)
			.build();
	}

	@Bean
	@StepScope
	Partitioner audiencePartitioner(AudienceRepository audience,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters) {
		return new AudienceRangePartitioner(audience, CampaignRunContext.from(parameters).run());
	}

	@Bean
	@StepScope
	Partitioner deliverPartitioner(CommunicationReaders readers,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters) {
		return new CustomerRangePartitioner(readers, CampaignRunContext.from(parameters).run(),
				CommunicationState.RENDERED, DeliverStageConfiguration.DELIVERED_ONE_BY_ONE, StageWork.DELIVER);
	}

	@Bean
	@StepScope
	Partitioner printPartitioner(CommunicationReaders readers,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters) {
		return new CustomerRangePartitioner(readers, CampaignRunContext.from(parameters).run(),
				CommunicationState.RENDERED, EnumSet.of(Channel.PRINT), StageWork.PRINT);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "tidings.partitioning", name = "worker", havingValue = "true")
	static class Worker {

		@Bean
		DirectChannel matchRequests() {
			return new DirectChannel();
		}

		@Bean
		DirectChannel selectRequests() {
			return new DirectChannel();
		}

		@Bean
		DirectChannel planRequests() {
			return new DirectChannel();
		}

		@Bean
		DirectChannel scheduleRequests() {
			return new DirectChannel();
		}

		@Bean
		DirectChannel renderRequests() {
			return new DirectChannel();
		}

		@Bean
		DirectChannel deliverRequests() {
			return new DirectChannel();
		}

		@Bean
		DirectChannel printRequests() {
			return new DirectChannel();
		}

		@Bean
		IntegrationFlow workerRequestFlow(DirectChannel matchRequests, DirectChannel selectRequests,
				DirectChannel planRequests, DirectChannel scheduleRequests, DirectChannel renderRequests,
				DirectChannel deliverRequests, DirectChannel printRequests,
				ConnectionFactory partitioningConnectionFactory, PartitioningSettings settings,
				JobRepository jobRepository) {
			DefaultMessageListenerContainer container = new DefaultMessageListenerContainer();
			container.setConnectionFactory(partitioningConnectionFactory);
			container.setDestinationName(settings.queue());
			// acknowledged when the partition has run, so a dead worker's request is
			// redelivered
			container.setSessionTransacted(true);
			container.setConcurrentConsumers(1);
			container.setTaskExecutor(new SimpleAsyncTaskExecutor(ApplicationThreads.named("partition-worker-")));
			return IntegrationFlow.from(Jms.messageDrivenChannelAdapter(container))
				.transform(String.class, Worker::request)
				.filter(StepExecutionRequest.class, request -> current(jobRepository, request))
				.route(StepExecutionRequest.class, StepExecutionRequest::getStepName,
						routes -> routes.channelMapping(MATCH_WORKER_STEP, matchRequests)
							.channelMapping(SELECT_WORKER_STEP, selectRequests)
							.channelMapping(PLAN_WORKER_STEP, planRequests)
							.channelMapping(SCHEDULE_WORKER_STEP, scheduleRequests)
							.channelMapping(RENDER_WORKER_STEP, renderRequests)
							.channelMapping(DELIVER_WORKER_STEP, deliverRequests)
							.channelMapping(PREPARE_PRINT_WORKER_STEP, printRequests))
				.get();
		}

		/** A worker step of the given name, fed by the requests of its channel. */
		private static RemotePartitioningWorkerStepBuilder workerStep(String name, JobRepository jobRepository,
				DirectChannel requests, BeanFactory beanFactory) {
			return new RemotePartitioningWorkerStepBuilder(name, jobRepository).inputChannel(requests)
				.beanFactory(beanFactory);
		}

		/**
		 * Whether the run that sent a request still waits for it: a request left in the
		 * queue by a run that failed or was resumed since would run a partition that the
		 * resumed run has given to another request.
		 */
		private static boolean current(JobRepository jobRepository, StepExecutionRequest request) {
			StepExecution partition = jobRepository.getStepExecution(request.getStepExecutionId());
			boolean current = partition != null && partition.getJobExecution().getStatus().isRunning()
					&& (partition.getStatus() == BatchStatus.STARTING || partition.getStatus() == BatchStatus.STARTED);
			if (!current) {
				logger.info("Partition request for step execution {} skipped: its run is no longer waiting for it",
						request.getStepExecutionId());
			}
			return current;
		}

		private static StepExecutionRequest request(String text) {
			String[] parts = text.split(" ");
			logger.info("Partition request: step execution {} of {}", parts[1], parts[0]);
			return new StepExecutionRequest(parts[0], Long.parseLong(parts[1]));
		}

		@Bean
		Step matchCustomersPartitionStep(JobRepository jobRepository, BeanFactory beanFactory,
				DirectChannel matchRequests, CustomerImportPartitions customerImportPartitions) {
			return customerImportPartitions
				.partitionStep(workerStep(MATCH_WORKER_STEP, jobRepository, matchRequests, beanFactory));
		}

		@Bean
		Step selectAudiencePartitionStep(JobRepository jobRepository, BeanFactory beanFactory,
				DirectChannel selectRequests, PlatformTransactionManager transactionManager,
				CampaignRunSettings settings, JdbcCursorItemReader<Customer> allCustomersItemReader,
				ItemProcessor<Customer, AudienceMember> audienceItemProcessor,
				@Qualifier("audienceItemWriter") ItemWriter<AudienceMember> audienceItemWriter,
				DatabaseDialect dialect) {
			return SelectStageConfiguration.selectStep(
					workerStep(SELECT_WORKER_STEP, jobRepository, selectRequests, beanFactory), transactionManager,
					settings, allCustomersItemReader, audienceItemProcessor, audienceItemWriter, dialect);
		}

		@Bean
		Step planCommunicationsPartitionStep(JobRepository jobRepository, BeanFactory beanFactory,
				DirectChannel planRequests, PlatformTransactionManager transactionManager, CampaignRunSettings settings,
				AudienceReader audienceItemReader,
				@Qualifier("communicationPlanItemWriter") ItemWriter<AudienceMember> communicationPlanItemWriter,
				DatabaseDialect dialect) {
			return PlanStageConfiguration.planStep(
					workerStep(PLAN_WORKER_STEP, jobRepository, planRequests, beanFactory), transactionManager,
					settings, audienceItemReader, communicationPlanItemWriter, dialect);
		}

		@Bean
		Step scheduleCommunicationsPartitionStep(JobRepository jobRepository, BeanFactory beanFactory,
				DirectChannel scheduleRequests, PlatformTransactionManager transactionManager,
				CampaignRunSettings settings, JdbcCursorItemReader<Communication> unscheduledCommunicationItemReader,
				CommunicationScheduleWriter communicationScheduleItemWriter) {
			return PlanStageConfiguration.scheduleStep(
					workerStep(SCHEDULE_WORKER_STEP, jobRepository, scheduleRequests, beanFactory), transactionManager,
					settings, unscheduledCommunicationItemReader, communicationScheduleItemWriter);
		}

		@Bean
		Step renderDocumentsPartitionStep(JobRepository jobRepository, BeanFactory beanFactory,
				DirectChannel renderRequests, PlatformTransactionManager transactionManager,
				CampaignRunSettings settings, JdbcCursorItemReader<Communication> plannedCommunicationItemReader,
				CommunicationRenderProcessor communicationRenderItemProcessor,
				RenderedDocumentWriter renderedDocumentWriter, OutboxLedger ledger,
				ThreadPoolTaskExecutor renderTaskExecutor) {
			return RenderStageConfiguration.renderStep(
					workerStep(RENDER_WORKER_STEP, jobRepository, renderRequests, beanFactory), transactionManager,
					settings, plannedCommunicationItemReader, communicationRenderItemProcessor, renderedDocumentWriter,
					ledger, renderTaskExecutor);
		}

		@Bean
		Step deliverCommunicationsPartitionStep(JobRepository jobRepository, BeanFactory beanFactory,
				DirectChannel deliverRequests, PlatformTransactionManager transactionManager,
				CampaignRunSettings settings, ItemStreamReader<Communication> renderedCommunicationItemReader,
				CommunicationDeliveryWriter communicationDeliveryItemWriter) {
			return DeliverStageConfiguration.deliverStep(
					workerStep(DELIVER_WORKER_STEP, jobRepository, deliverRequests, beanFactory), transactionManager,
					settings, renderedCommunicationItemReader, communicationDeliveryItemWriter);
		}

		@Bean
		Step preparePrintPartitionStep(JobRepository jobRepository, BeanFactory beanFactory,
				DirectChannel printRequests, PlatformTransactionManager transactionManager,
				ItemStreamReader<Communication> duePrintItemReader,
				ItemWriter<Communication> printPreparationItemWriter) {
			return DeliverStageConfiguration.printPreparationStep(
					workerStep(PREPARE_PRINT_WORKER_STEP, jobRepository, printRequests, beanFactory),
					transactionManager, duePrintItemReader, printPreparationItemWriter);
		}

	}

}
