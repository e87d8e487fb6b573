package io.tidings.email;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import io.tidings.TidingsHome;
import io.tidings.csv.InvalidRecordException;
import io.tidings.csv.RejectedRecord;
import io.tidings.csv.RejectedRecordListener;
import io.tidings.csv.ReportTimes;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DeliveryEvents;
import io.tidings.outbox.OutboxLedger;
import io.tidings.policy.ConsentRegistry;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The bounce ingest job: delivery status notifications and complaints from an
 * {@code .eml} or mbox file into the ledger, the contact history and the email
 * suppression list. Messages that are not well-formed reports, or are dated before the
 * email they match was sent or in the future, go to a reject file next to the input.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BounceSettings.class)
class BounceIngestJobConfiguration {

	static final String BOUNCES_FILE = "bouncesFile";

	@Bean
	Job bounceIngestJob(JobRepository jobRepository, Step bounceIngestStep) {
		return new JobBuilder("bounceIngestJob", jobRepository).start(bounceIngestStep).build();
	}

	@Bean
	Step bounceIngestStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			BounceMessageItemReader bounceMessageItemReader,
			ItemProcessor<BounceMessage, List<Bounce>> bounceItemProcessor, OutboxLedger ledger, DeliveryEvents events,
			ConsentRegistry consents, BounceSettings settings,
			FlatFileItemWriter<RejectedRecord> bounceRejectItemWriter) {
		return new StepBuilder("bounceIngestStep", jobRepository).<BounceMessage, List<Bounce>>chunk(50)
			.transactionManager(transactionManager)
			.reader(bounceMessageItemReader)
			.processor(bounceItemProcessor)
			.writer(new BounceItemWriter(ledger, events, consents, settings.softLimit()))
			.stream(bounceRejectItemWriter)
			.faultTolerant()
			.skip(InvalidRecordException.class)
			.skipLimit(100_000)
			.skipListener(new RejectedRecordListener(bounceRejectItemWriter))
			.build();
	}

	@Bean
	@StepScope
	BounceMessageItemReader bounceMessageItemReader(@Value("#{jobParameters['" + BOUNCES_FILE + "']}") String file) {
		return new BounceMessageItemReader("bounceMessageItemReader", Path.of(file));
	}

	@Bean
	@StepScope
	ItemProcessor<BounceMessage, List<Bounce>> bounceItemProcessor(Communications communications,
			CustomerRepository customers, Clock clock, ReportTimes times, EmailSettings email,
			@Value("#{jobParameters['" + BOUNCES_FILE + "']}") String file) {
		return new BounceRecordValidator(communications, customers, "bounces:" + Path.of(file).getFileName(), clock,
				times, email.verp())::validate;
	}

	@Bean
	@StepScope
	FlatFileItemWriter<RejectedRecord> bounceRejectItemWriter(TidingsHome home,
			@Value("#{jobParameters['" + BOUNCES_FILE + "']}") String file) {
		return RejectedRecord.writer("bounceRejectItemWriter", Path.of(file), home.rejects());
	}

}
