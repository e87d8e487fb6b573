package io.tidings.response;

import java.nio.file.Path;
import java.time.Clock;

import io.tidings.TidingsHome;
import io.tidings.csv.CsvFiles;
import io.tidings.csv.CsvHeader;
import io.tidings.csv.CsvRecordParser;
import io.tidings.csv.InvalidRecordException;
import io.tidings.csv.RejectedRecord;
import io.tidings.csv.RejectedRecordListener;
import io.tidings.csv.ReportTimes;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DeliveryEvents;
import io.tidings.outbox.OutboxLedger;
import io.tidings.policy.ConsentRegistry;
import io.tidings.print.PrintedEnvelopes;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.file.FlatFileItemReader;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.FlatFileParseException;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The returned-mail ingest job: returned letters into the ledger, contact history,
 * gone-away suppression and customer addresses. Bad records go to a reject file next to
 * the input.
 */
@Configuration(proxyBeanMethods = false)
class ReturnedMailIngestJobConfiguration {

	static final String RETURNED_MAIL_FILE = "returnedMailFile";

	@Bean
	Job returnedMailIngestJob(JobRepository jobRepository, Step returnedMailIngestStep) {
		return new JobBuilder("returnedMailIngestJob", jobRepository).start(returnedMailIngestStep).build();
	}

	@Bean
	Step returnedMailIngestStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			FlatFileItemReader<ReturnedMailRow> returnedMailFileItemReader,
			ItemProcessor<ReturnedMailRow, ReturnedMail> returnedMailItemProcessor, OutboxLedger ledger,
			DeliveryEvents events, ConsentRegistry consents, CustomerRepository customers,
			FlatFileItemWriter<RejectedRecord> returnedMailRejectItemWriter) {
		return new StepBuilder("returnedMailIngestStep", jobRepository).<ReturnedMailRow, ReturnedMail>chunk(200)
			.transactionManager(transactionManager)
			.reader(returnedMailFileItemReader)
			.processor(returnedMailItemProcessor)
			.writer(new ReturnedMailItemWriter(ledger, events, consents, customers))
			.stream(returnedMailRejectItemWriter)
			.faultTolerant()
			.skip(FlatFileParseException.class, InvalidRecordException.class)
			.skipLimit(100_000)
			.skipListener(new RejectedRecordListener(returnedMailRejectItemWriter))
			.build();
	}

	@Bean
	@StepScope
	FlatFileItemReader<ReturnedMailRow> returnedMailFileItemReader(
			@Value("#{jobParameters['" + RETURNED_MAIL_FILE + "']}") String file) {
		CsvHeader header = CsvFiles.readHeader(Path.of(file));
		return new FlatFileItemReaderBuilder<ReturnedMailRow>().name("returnedMailFileItemReader")
			.resource(new FileSystemResource(Path.of(file)))
			.bufferedReaderFactory(CsvFiles.strictUtf8())
			.recordSeparatorPolicy(CsvFiles.quotedRecords(header.delimiter()))
			.linesToSkip(1)
			.lineMapper((line, number) -> new ReturnedMailRow(number, line, header.columns(),
					CsvRecordParser.fields(line, number, header)))
			.build();
	}

	@Bean
	@StepScope
	ItemProcessor<ReturnedMailRow, ReturnedMail> returnedMailItemProcessor(CustomerRepository customers,
			Communications communications, PrintedEnvelopes envelopes, Clock clock, ReportTimes times,
			@Value("#{jobParameters['" + RETURNED_MAIL_FILE + "']}") String file) {
		return new ReturnedMailRecordValidator(customers, communications, envelopes,
				Path.of(file).getFileName().toString(), clock, times)::validate;
	}

	@Bean
	@StepScope
	FlatFileItemWriter<RejectedRecord> returnedMailRejectItemWriter(TidingsHome home,
			@Value("#{jobParameters['" + RETURNED_MAIL_FILE + "']}") String file) {
		return RejectedRecord.writer("returnedMailRejectItemWriter", Path.of(file), home.rejects());
	}

}
