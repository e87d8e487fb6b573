package io.tidings.sms;

import java.nio.file.Path;

import io.tidings.TidingsHome;
import io.tidings.csv.CsvFiles;
import io.tidings.csv.CsvHeader;
import io.tidings.csv.CsvRecordParser;
import io.tidings.csv.InvalidRecordException;
import io.tidings.csv.RejectedRecord;
import io.tidings.csv.RejectedRecordListener;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemWriter;
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
 * The SMS status ingest job: Twilio status reports and replies from a CSV file into the
 * ledger, the contact history and consent. Bad records go to a reject file next to the
 * input.
 */
@Configuration(proxyBeanMethods = false)
class SmsStatusIngestJobConfiguration {

	static final String SMS_STATUS_FILE = "smsStatusFile";

	@Bean
	Job smsStatusIngestJob(JobRepository jobRepository, Step smsStatusIngestStep) {
		return new JobBuilder("smsStatusIngestJob", jobRepository).start(smsStatusIngestStep).build();
	}

	@Bean
	Step smsStatusIngestStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			FlatFileItemReader<SmsStatusRow> smsStatusFileItemReader, ItemWriter<SmsStatusRow> smsStatusItemWriter,
			FlatFileItemWriter<RejectedRecord> smsStatusRejectItemWriter, SmsReports reports) {
		return new StepBuilder("smsStatusIngestStep", jobRepository).<SmsStatusRow, SmsStatusRow>chunk(200)
			.transactionManager(transactionManager)
			.reader(smsStatusFileItemReader)
			.processor(row -> {
				reports.checkTime(row.validate(), row.line());
				return row;
			})
			.writer(smsStatusItemWriter)
			.stream(smsStatusRejectItemWriter)
			.faultTolerant()
			.skip(FlatFileParseException.class, InvalidRecordException.class)
			.skipLimit(100_000)
			.skipListener(new RejectedRecordListener(smsStatusRejectItemWriter))
			.build();
	}

	@Bean
	@StepScope
	FlatFileItemReader<SmsStatusRow> smsStatusFileItemReader(
			@Value("#{jobParameters['" + SMS_STATUS_FILE + "']}") String file) {
		CsvHeader header = CsvFiles.readHeader(Path.of(file));
		return new FlatFileItemReaderBuilder<SmsStatusRow>().name("smsStatusFileItemReader")
			.resource(new FileSystemResource(Path.of(file)))
			.bufferedReaderFactory(CsvFiles.strictUtf8())
			.recordSeparatorPolicy(CsvFiles.quotedRecords(header.delimiter()))
			.linesToSkip(1)
			.lineMapper((line, number) -> new SmsStatusRow(number, line, header.columns(),
					CsvRecordParser.fields(line, number, header)))
			.build();
	}

	@Bean
	@StepScope
	ItemWriter<SmsStatusRow> smsStatusItemWriter(SmsReports reports,
			@Value("#{jobParameters['" + SMS_STATUS_FILE + "']}") String file) {
		String source = "sms-status:" + Path.of(file).getFileName();
		return chunk -> chunk.forEach(row -> reports.apply(row.validate(), source, row.line()));
	}

	@Bean
	@StepScope
	FlatFileItemWriter<RejectedRecord> smsStatusRejectItemWriter(TidingsHome home,
			@Value("#{jobParameters['" + SMS_STATUS_FILE + "']}") String file) {
		return RejectedRecord.writer("smsStatusRejectItemWriter", Path.of(file), home.rejects());
	}

}
