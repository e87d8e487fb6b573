package io.tidings.campaign;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import io.tidings.ApplicationThreads;
import io.tidings.ProgressListener;
import io.tidings.RunLogContext;
import io.tidings.archive.DocumentArchive;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.Channel;
import io.tidings.outbox.ChannelSender;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.CustomerRange;
import io.tidings.outbox.OutboxLedger;
import io.tidings.outbox.RunRef;
import io.tidings.policy.ConsentRegistry;
import io.tidings.print.PrintProduction;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The deliver stage of a campaign run: send what is due by email and SMS one by one and,
 * at the same time, print what is due on paper in print streams; then complete the run
 * (print manifest, job ticket, checksums, {@code DONE}). Each send and each printed
 * document passes the contact policy once more, at delivery.
 */
@Configuration(proxyBeanMethods = false)
class DeliverStageConfiguration {

	/**
	 * Pieces of print production a print stage does again when the database refused them
	 * for now (seen once, in a run resumed after a kill: H2 found a row of the envelope
	 * table changed by another transaction).
	 */
	private static final int PRINT_TRANSIENT_FAILURES = 3;

	/** Printed documents go into print streams in the print stage, not one by one. */
	static final Set<Channel> DELIVERED_ONE_BY_ONE = EnumSet.complementOf(EnumSet.of(Channel.PRINT));

	/** Printed documents a worker places in presort order in one transaction. */
	private static final int PRINT_PREPARATION_CHUNK = 500;

	@Bean
	Step deliverCommunicationsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CampaignRunSettings settings, ItemStreamReader<Communication> renderedCommunicationItemReader,
			CommunicationDeliveryWriter communicationDeliveryItemWriter,
			ObjectProvider<CampaignPartitioning> partitioning,
			@Qualifier("deliverPartitioner") ObjectProvider<Partitioner> deliverPartitioner) {
		CampaignPartitioning remote = partitioning.getIfAvailable();
		if (remote != null) {
			return remote.managerStep("deliverCommunicationsStep", RemotePartitioningConfiguration.DELIVER_WORKER_STEP,
					deliverPartitioner.getObject());
		}
		return deliverStep(new StepBuilder("deliverCommunicationsStep", jobRepository), transactionManager, settings,
				renderedCommunicationItemReader, communicationDeliveryItemWriter);
	}

	/**
	 * The email and SMS deliveries, in this process or as a worker's partition of them.
	 */
	static Step deliverStep(StepBuilder builder, PlatformTransactionManager transactionManager,
			CampaignRunSettings settings, ItemStreamReader<Communication> renderedCommunicationItemReader,
			CommunicationDeliveryWriter communicationDeliveryItemWriter) {
		return builder.<Communication, Communication>chunk(settings.deliveryChunkSize())
			.transactionManager(transactionManager)
			.reader(renderedCommunicationItemReader)
			.writer(communicationDeliveryItemWriter)
			.stream(communicationDeliveryItemWriter)
			.listener(new ProgressListener("deliver"))
			.build();
	}

	@Bean
	@StepScope
	ItemStreamReader<Communication> renderedCommunicationItemReader(CommunicationReaders readers, Clock clock,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters,
			@Value(CustomerRangePartitioner.STEP_FIRST_CUSTOMER) @Nullable String first,
			@Value(CustomerRangePartitioner.STEP_LAST_CUSTOMER) @Nullable String last) {
		RunRef run = CampaignRunContext.from(parameters).run();
		CustomerRange customers = CustomerRangePartitioner.range(first, last);
		return (customers != null)
				? readers.dueReader("renderedCommunicationItemReader", run, CommunicationState.RENDERED,
						DELIVERED_ONE_BY_ONE, clock.instant(), customers)
				: readers.dueReader("renderedCommunicationItemReader", run, CommunicationState.RENDERED,
						DELIVERED_ONE_BY_ONE, clock.instant());
	}

	@Bean
	@StepScope
	CommunicationDeliveryWriter communicationDeliveryItemWriter(List<ChannelSender> senders, OutboxLedger ledger,
			DocumentArchive archive, CampaignRunSettings settings, CustomerRepository customers,
			ConsentRegistry consents, Clock clock, PlatformTransactionManager transactionManager,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters,
			@Value(CustomerRangePartitioner.STEP_FIRST_CUSTOMER) @Nullable String first,
			@Value(CustomerRangePartitioner.STEP_LAST_CUSTOMER) @Nullable String last) {
		CampaignRunContext context = CampaignRunContext.from(parameters);
		return new CommunicationDeliveryWriter(senders, ledger, archive, context.run(),
				CustomerRangePartitioner.range(first, last), settings,
				new DeliveryGate(context, customers, consents, ledger, clock), clock, transactionManager);
	}

	/**
	 * Email and SMS delivery (mostly waiting for transports) and print streams (PDF
	 * assembly, busy on a processor for each stream written at the same time) side by
	 * side, each on a thread of its own; the flow ends when both have. They share no
	 * work: delivery reads and records only email and SMS communications, print
	 * production only print ones, and each checks the contact policy for its own
	 * communications (an opt-out a provider reports during delivery concerns that
	 * provider's channel only). A resumed run skips the side that completed and resumes
	 * the other. With scale-out, the print job is opened first and the workers place the
	 * printed documents in presort order in partitions of the customers (a few tenths of
	 * a second a partition, checked against the contact policy once more); then the
	 * workers deliver email and SMS while this process puts the printed documents in
	 * envelopes and writes the streams, the part that needs the whole run's presort
	 * order. Placing first lets the streams begin with the deliveries instead of after
	 * them (the workers take requests in the order they were sent).
	 */
	@Bean
	Flow deliverAndPrintFlow(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Step deliverCommunicationsStep, Step printStreamsStep, PrintProduction printProduction, Clock clock,
			ObjectProvider<CampaignPartitioning> partitioning,
			@Qualifier("printPartitioner") ObjectProvider<Partitioner> printPartitioner) {
		Flow deliver = new FlowBuilder<SimpleFlow>("deliverFlow").start(deliverCommunicationsStep).build();
		Flow print = new FlowBuilder<SimpleFlow>("printFlow").start(printStreamsStep).build();
		Flow sideBySide = new FlowBuilder<SimpleFlow>("deliverAndPrintStreamsFlow").split(deliverAndPrintThreads())
			.add(deliver, print)
			.build();
		CampaignPartitioning remote = partitioning.getIfAvailable();
		if (remote == null) {
			return sideBySide;
		}
		return new FlowBuilder<SimpleFlow>("deliverAndPrintFlow")
			.start(runStep("openPrintJobStep", jobRepository, transactionManager,
					context -> printProduction.open(context.run(), context.definition().templates().folder(),
							clock.instant())))
			.next(remote.managerStep("preparePrintStep", RemotePartitioningConfiguration.PREPARE_PRINT_WORKER_STEP,
					printPartitioner.getObject()))
			.next(runStep("endPrintPreparationStep", jobRepository, transactionManager,
					context -> printProduction.prepared(context.run())))
			.next(sideBySide)
			.build();
	}

	/** A step that does one thing for the run, in a transaction. */
	private static Step runStep(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Consumer<CampaignRunContext> work) {
		return new StepBuilder(name, jobRepository).tasklet((contribution, chunkContext) -> {
			work.accept(CampaignRunContext.from(chunkContext.getStepContext().getJobParameters()));
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	/**
	 * A worker's partition of the print preparation: places the printed documents of its
	 * customers that are due in the presort order of the run's print job, a chunk at a
	 * time, each checked against the contact policy once more, as at delivery.
	 */
	static Step printPreparationStep(StepBuilder builder, PlatformTransactionManager transactionManager,
			ItemStreamReader<Communication> duePrintItemReader, ItemWriter<Communication> printPreparationItemWriter) {
		return builder.<Communication, Communication>chunk(PRINT_PREPARATION_CHUNK)
			.transactionManager(transactionManager)
			.reader(duePrintItemReader)
			.writer(printPreparationItemWriter)
			.listener(new ProgressListener("print preparation"))
			.build();
	}

	@Bean
	@StepScope
	ItemStreamReader<Communication> duePrintItemReader(CommunicationReaders readers, Clock clock,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters,
			@Value(CustomerRangePartitioner.STEP_FIRST_CUSTOMER) String first,
			@Value(CustomerRangePartitioner.STEP_LAST_CUSTOMER) String last) {
		return readers.dueReader("duePrintItemReader", CampaignRunContext.from(parameters).run(),
				CommunicationState.RENDERED, EnumSet.of(Channel.PRINT), clock.instant(),
				new CustomerRange(first, last));
	}

	@Bean
	@StepScope
	ItemWriter<Communication> printPreparationItemWriter(PrintProduction print, CustomerRepository customers,
			ConsentRegistry consents, OutboxLedger ledger, Clock clock,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters) {
		CampaignRunContext context = CampaignRunContext.from(parameters);
		DeliveryGate gate = new DeliveryGate(context, customers, consents, ledger, clock);
		return (chunk) -> print.prepare(context.run(), List.copyOf(chunk.getItems()), gate.at(clock.instant()));
	}

	/** A thread per side of the split, which logs with the run's context. */
	private static SimpleAsyncTaskExecutor deliverAndPrintThreads() {
		SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(ApplicationThreads.named("deliver-and-print-"));
		threads.setTaskDecorator(RunLogContext::carry);
		return threads;
	}

	@Bean
	Step printStreamsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			@Qualifier("printStreamsTasklet") PrintStreamsTasklet printStreamsTasklet) {
		return new StepBuilder("printStreamsStep", jobRepository).tasklet(printStreamsTasklet, transactionManager)
			.exceptionHandler(new TransientDatabaseFailures(PRINT_TRANSIENT_FAILURES, Duration.ofSeconds(1)))
			.build();
	}

	@Bean
	@StepScope
	PrintStreamsTasklet printStreamsTasklet(PrintProduction print, CustomerRepository customers,
			ConsentRegistry consents, OutboxLedger ledger, Clock clock,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters) {
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
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters) {
		return new RunCompletionTasklet(CampaignRunContext.from(parameters), print);
	}

}
