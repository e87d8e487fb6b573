package io.tidings.campaign;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.tidings.ApplicationThreads;
import io.tidings.RunLogContext;
import io.tidings.ProgressListener;
import io.tidings.archive.DocumentArchive;
import io.tidings.customer.CustomerRepository;
import io.tidings.customer.PostalOrder;
import io.tidings.outbox.Channel;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.CustomerRange;
import io.tidings.outbox.DocumentComposer;
import io.tidings.outbox.DocumentRejectedException;
import io.tidings.outbox.OutboxLedger;
import io.tidings.outbox.RunRef;
import io.tidings.outbox.StageWork;
import io.tidings.preference.PreferenceLinks;
import io.tidings.print.PrintSettings;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The render stage of a campaign run: compose and archive the document of each planned
 * communication and mark it rendered. It runs in this process (in partitions side by
 * side, one on each render thread, when there is more than one), or, when scale-out is
 * configured, as a manager step whose partitions {@link RemotePartitioningConfiguration}
 * workers render.
 */
@Configuration(proxyBeanMethods = false)
class RenderStageConfiguration {

	/**
	 * Partitions of the render stage in one process, for each render thread: more than
	 * one, so that a thread whose partition ends first takes the next.
	 */
	private static final int PARTITIONS_PER_RENDER_THREAD = 2;

	@Bean
	Step renderDocumentsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CampaignRunSettings settings, JdbcCursorItemReader<Communication> plannedCommunicationItemReader,
			CommunicationRenderProcessor communicationRenderItemProcessor, OutboxLedger ledger,
			RenderedDocumentWriter renderedDocumentWriter, ThreadPoolTaskExecutor renderTaskExecutor,
			ObjectProvider<CampaignPartitioning> partitioning,
			@Qualifier("renderPartitioner") Partitioner renderPartitioner) {
		CampaignPartitioning remote = partitioning.getIfAvailable();
		if (remote != null) {
			return remote.managerStep("renderDocumentsStep", RemotePartitioningConfiguration.RENDER_WORKER_STEP,
					renderPartitioner);
		}
		int threads = settings.renderThreadCount();
		if (threads == 1) {
			return renderStep(new StepBuilder("renderDocumentsStep", jobRepository), transactionManager, settings,
					plannedCommunicationItemReader, communicationRenderItemProcessor, renderedDocumentWriter, ledger,
					renderTaskExecutor);
		}
		// partitions side by side, one on each render thread, each reading, rendering
		// and committing its own chunks: one partition's ledger updates and commit, which
		// a chunk rendered on all threads waits for, overlap another's rendering
		ProgressListener progress = new ProgressListener("render", true);
		Step partition = chunkStep(new StepBuilder(RemotePartitioningConfiguration.RENDER_WORKER_STEP, jobRepository),
				transactionManager, settings, plannedCommunicationItemReader, communicationRenderItemProcessor,
				renderedDocumentWriter, ledger)
			.listener(progress.partitionChunks())
			.build();
		return new StepBuilder("renderDocumentsStep", jobRepository)
			.partitioner(RemotePartitioningConfiguration.RENDER_WORKER_STEP, renderPartitioner)
			.step(partition)
			.gridSize(threads * PARTITIONS_PER_RENDER_THREAD)
			.taskExecutor(renderTaskExecutor)
			.listener(progress)
			.build();
	}

	/**
	 * The render stage as one step, in this process or as a worker's partition of it.
	 */
	static Step renderStep(StepBuilder builder, PlatformTransactionManager transactionManager,
			CampaignRunSettings settings, JdbcCursorItemReader<Communication> plannedCommunicationItemReader,
			CommunicationRenderProcessor communicationRenderItemProcessor,
			RenderedDocumentWriter renderedDocumentWriter, OutboxLedger ledger,
			ThreadPoolTaskExecutor renderTaskExecutor) {
		var step = chunkStep(builder, transactionManager, settings, plannedCommunicationItemReader,
				communicationRenderItemProcessor, renderedDocumentWriter, ledger)
			.listener(new ProgressListener("render", true));
		// the items of a chunk are rendered on all processors (printed documents and
		// paperless customers' statements: laid out together, a slice per processor, when
		// the chunk is written), and marked rendered together in the chunk's transaction
		return (settings.renderThreadCount() > 1) ? step.taskExecutor(renderTaskExecutor).build() : step.build();
	}

	private static ChunkOrientedStepBuilder<Communication, RenderWork> chunkStep(StepBuilder builder,
			PlatformTransactionManager transactionManager, CampaignRunSettings settings,
			JdbcCursorItemReader<Communication> plannedCommunicationItemReader,
			CommunicationRenderProcessor communicationRenderItemProcessor,
			RenderedDocumentWriter renderedDocumentWriter, OutboxLedger ledger) {
		return builder.<Communication, RenderWork>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(plannedCommunicationItemReader)
			.processor(communicationRenderItemProcessor)
			.writer(renderedDocumentWriter)
			.faultTolerant()
			.skip(DocumentRejectedException.class)
			.skipLimit(settings.maxFailedDocuments())
			.skipListener(new FailedCommunicationListener(ledger));
	}

	/**
	 * Customer ranges of about equal work for the render stage's partitions: in this
	 * process, or sent to workers when scale-out is configured.
	 */
	@Bean
	@StepScope
	Partitioner renderPartitioner(CommunicationReaders readers,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters) {
		return new CustomerRangePartitioner(readers, CampaignRunContext.from(parameters).run(),
				CommunicationState.PLANNED, EnumSet.allOf(Channel.class), StageWork.RENDER);
	}

	/**
	 * Composes a chunk's printed documents in a slice per render thread: on the render
	 * threads side by side where a chunk's items are rendered on all of them (a scale-out
	 * worker's partition), one after another on the partition's own thread where
	 * partitions run side by side in this process.
	 */
	@Bean
	RenderedDocumentWriter renderedDocumentWriter(List<DocumentComposer> composers, StatementModels statements,
			DocumentArchive archive, OutboxLedger ledger, CampaignRunSettings settings,
			ThreadPoolTaskExecutor renderTaskExecutor, ObjectProvider<CampaignPartitioning> partitioning) {
		DocumentComposer print = composers.stream()
			.filter(composer -> composer.channel() == Channel.PRINT)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No composer for printed documents"));
		return new RenderedDocumentWriter(print, statements, archive, ledger, new FailedCommunicationListener(ledger),
				settings.maxFailedDocuments(), (partitioning.getIfAvailable() != null) ? renderTaskExecutor : null,
				settings.renderThreadCount());
	}

	@Bean
	ThreadPoolTaskExecutor renderTaskExecutor(CampaignRunSettings settings) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(settings.renderThreadCount());
		executor.setMaxPoolSize(settings.renderThreadCount());
		executor.setThreadFactory(ApplicationThreads.named("render-"));
		executor.setTaskDecorator(RunLogContext::carry);
		return executor;
	}

	@Bean
	@StepScope
	JdbcCursorItemReader<Communication> plannedCommunicationItemReader(CommunicationReaders readers,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters,
			@Value(CustomerRangePartitioner.STEP_FIRST_CUSTOMER) @Nullable String first,
			@Value(CustomerRangePartitioner.STEP_LAST_CUSTOMER) @Nullable String last) {
		RunRef run = CampaignRunContext.from(parameters).run();
		CustomerRange customers = CustomerRangePartitioner.range(first, last);
		// in their customers' postal order: a batch's file then holds neighbours in the
		// print streams' presort order
		String order = PostalOrder.of("communication.customer_id");
		if (customers != null) {
			return readers.reader("plannedCommunicationItemReader", run, CommunicationState.PLANNED, customers, order);
		}
		return readers.reader("plannedCommunicationItemReader", run, CommunicationState.PLANNED, order);
	}

	@Bean
	@StepScope
	CommunicationRenderProcessor communicationRenderItemProcessor(CustomerRepository customers,
			StatementModels statements, PreferenceLinks links, List<DocumentComposer> composers,
			DocumentArchive archive, PrintSettings print,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters) {
		return new CommunicationRenderProcessor(
				new DocumentModelFactory(CampaignRunContext.from(parameters), statements, links, print.addressFormat()),
				customers, composers, archive);
	}

}
