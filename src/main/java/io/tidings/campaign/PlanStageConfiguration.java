package io.tidings.campaign;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.tidings.DatabaseDialect;
import io.tidings.ProgressListener;
import io.tidings.TableStatistics;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.offer.OfferVolumes;
import io.tidings.offer.ProductAssociations;
import io.tidings.offer.PropensityEstimator;
import io.tidings.offer.PropensityModels;
import io.tidings.offer.UpliftModels;
import io.tidings.offer.ResponseScores;
import io.tidings.outbox.ContactHistory;
import io.tidings.outbox.CommunicationPlan;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CustomerRange;
import io.tidings.outbox.OutboxLedger;
import io.tidings.outbox.RunRef;
import io.tidings.policy.ConsentRegistry;
import io.tidings.render.TemplateEngine;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The plan stage of a campaign run (the "decide" of its progress lines): plan the
 * communications of each audience member into the outbox ledger, then schedule them by
 * the contact policy. A dry run ends after this stage. Both steps run in this process,
 * or, when scale-out is configured, as manager steps whose partitions (ranges of the
 * audience's customer ids, {@link AudienceRangePartitioner})
 * {@link RemotePartitioningConfiguration} workers run, each within its
 * {@link RunWideShares share} of the run-wide limits.
 */
@Configuration(proxyBeanMethods = false)
class PlanStageConfiguration {

	@Bean
	Step planCommunicationsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CampaignRunSettings settings, AudienceReader audienceItemReader,
			@Qualifier("communicationPlanItemWriter") ItemWriter<AudienceMember> communicationPlanItemWriter,
			ObjectProvider<CampaignPartitioning> partitioning,
			@Qualifier("audiencePartitioner") ObjectProvider<Partitioner> audiencePartitioner,
			DatabaseDialect dialect) {
		CampaignPartitioning remote = partitioning.getIfAvailable();
		if (remote != null) {
			return remote.managerStep("planCommunicationsStep", RemotePartitioningConfiguration.PLAN_WORKER_STEP,
					audiencePartitioner.getObject());
		}
		return planStep(new StepBuilder("planCommunicationsStep", jobRepository), transactionManager, settings,
				audienceItemReader, communicationPlanItemWriter, dialect);
	}

	/**
	 * The planning, in this process or as a worker's partition of it: a chunk of the
	 * audience planned at once (its consents and response scores read together) and
	 * written to the ledger.
	 */
	static Step planStep(StepBuilder builder, PlatformTransactionManager transactionManager,
			CampaignRunSettings settings, AudienceReader audienceItemReader,
			ItemWriter<AudienceMember> communicationPlanItemWriter, DatabaseDialect dialect) {
		return builder.<AudienceMember, AudienceMember>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(audienceItemReader)
			.writer(communicationPlanItemWriter)
			.listener(new ProgressListener("decide"))
			.listener(new TableStatistics(dialect, "communication"))
			.build();
	}

	@Bean
	@StepScope
	AudienceReader audienceItemReader(AudienceRepository audience,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters,
			@Value(CustomerRangePartitioner.STEP_FIRST_CUSTOMER) @Nullable String first,
			@Value(CustomerRangePartitioner.STEP_LAST_CUSTOMER) @Nullable String last) {
		return audience.reader("audienceItemReader", CampaignRunContext.from(parameters).run(),
				CustomerRangePartitioner.range(first, last));
	}

	@Bean
	@StepScope
	ItemWriter<AudienceMember> communicationPlanItemWriter(OutboxLedger ledger, ResponseScores scores,
			PropensityModels models, UpliftModels upliftModels, ContactHistory history, TemplateEngine templates,
			ConsentRegistry consents, ProductAssociations associations, CustomerRepository customers, Clock clock,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters,
			@Value(CustomerRangePartitioner.STEP_FIRST_CUSTOMER) @Nullable String first,
			@Value(CustomerRangePartitioner.STEP_LAST_CUSTOMER) @Nullable String last,
			@Value(AudienceRangePartitioner.STEP_PARTITION) @Nullable Integer index,
			@Value(AudienceRangePartitioner.STEP_WEIGHTS) @Nullable String weights) {
		CampaignRunContext context = CampaignRunContext.from(parameters);
		models.forgetLoaded();
		upliftModels.forgetLoaded();
		DecidePartition partition = DecidePartition.of(first, last, index, weights);
		OfferVolumes volumes = (partition != null)
				? partition.offerVolumes(context.offers().offers(),
						history.offeredCounts(context.run(), partition.customers()))
				: new OfferVolumes(history.offeredCounts(context.run()));
		CommunicationPlanner planner = new CommunicationPlanner(context, scores,
				new PropensityEstimator(models::latest, upliftModels::latest), volumes, templates, consents,
				associations.load());
		CommunicationScheduleWriter scheduling = new CommunicationScheduleWriter(context, ledger, history, customers,
				clock, partition);
		if (!scheduling.schedulesAtPlanning()) {
			return chunk -> ledger.plan(planner.plan(chunk.getItems()));
		}
		// the order no longer matters: scheduled in the planning's transaction, the rows
		// just written are updated in place rather than found again far apart by value
		return chunk -> {
			List<CommunicationPlan> plans = planner.plan(chunk.getItems());
			ledger.plan(plans);
			Map<String, Customer> chunkCustomers = new HashMap<>();
			chunk.forEach(member -> chunkCustomers.put(member.customer().id(), member.customer()));
			scheduling.schedulePlanned(plans, chunkCustomers);
		};
	}

	@Bean
	Step scheduleCommunicationsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CampaignRunSettings settings, JdbcCursorItemReader<Communication> unscheduledCommunicationItemReader,
			CommunicationScheduleWriter communicationScheduleItemWriter,
			ObjectProvider<CampaignPartitioning> partitioning,
			@Qualifier("audiencePartitioner") ObjectProvider<Partitioner> audiencePartitioner) {
		CampaignPartitioning remote = partitioning.getIfAvailable();
		if (remote != null) {
			return remote.managerStep("scheduleCommunicationsStep",
					RemotePartitioningConfiguration.SCHEDULE_WORKER_STEP, audiencePartitioner.getObject());
		}
		return scheduleStep(new StepBuilder("scheduleCommunicationsStep", jobRepository), transactionManager, settings,
				unscheduledCommunicationItemReader, communicationScheduleItemWriter);
	}

	/**
	 * The scheduling, in this process or as a worker's partition of it.
	 */
	static Step scheduleStep(StepBuilder builder, PlatformTransactionManager transactionManager,
			CampaignRunSettings settings, JdbcCursorItemReader<Communication> unscheduledCommunicationItemReader,
			CommunicationScheduleWriter communicationScheduleItemWriter) {
		return builder.<Communication, Communication>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(unscheduledCommunicationItemReader)
			.writer(communicationScheduleItemWriter)
			.listener(new ProgressListener("schedule"))
			.build();
	}

	@Bean
	@StepScope
	JdbcCursorItemReader<Communication> unscheduledCommunicationItemReader(CommunicationReaders readers,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters,
			@Value(CustomerRangePartitioner.STEP_FIRST_CUSTOMER) @Nullable String first,
			@Value(CustomerRangePartitioner.STEP_LAST_CUSTOMER) @Nullable String last) {
		RunRef run = CampaignRunContext.from(parameters).run();
		CustomerRange customers = CustomerRangePartitioner.range(first, last);
		if (customers != null) {
			return readers.unscheduledReader("unscheduledCommunicationItemReader", run, customers);
		}
		return readers.unscheduledReader("unscheduledCommunicationItemReader", run);
	}

	@Bean
	@StepScope
	CommunicationScheduleWriter communicationScheduleItemWriter(OutboxLedger ledger, ContactHistory history,
			CustomerRepository customers, Clock clock,
			@Value(CampaignRunContext.JOB_PARAMETERS) Map<String, Object> parameters,
			@Value(CustomerRangePartitioner.STEP_FIRST_CUSTOMER) @Nullable String first,
			@Value(CustomerRangePartitioner.STEP_LAST_CUSTOMER) @Nullable String last,
			@Value(AudienceRangePartitioner.STEP_PARTITION) @Nullable Integer index,
			@Value(AudienceRangePartitioner.STEP_WEIGHTS) @Nullable String weights) {
		return new CommunicationScheduleWriter(CampaignRunContext.from(parameters), ledger, history, customers, clock,
				DecidePartition.of(first, last, index, weights));
	}

}
