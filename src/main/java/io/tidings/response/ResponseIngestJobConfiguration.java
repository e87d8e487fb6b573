package io.tidings.response;

import java.nio.file.Path;

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
 * The response ingest job: a responses CSV into contact history, scores and holdings. Bad
 * records go to a reject file next to the input.
 */
@Configuration(proxyBeanMethods = false)
class ResponseIngestJobConfiguration {

	static final String RESPONSES_FILE = "responsesFile";

	@Bean
	Job responseIngestJob(JobRepository jobRepository, Step responseIngestStep) {
		return new JobBuilder("responseIngestJob", jobRepository).start(responseIngestStep).build();
	}

	@Bean
	Step responseIngestStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			FlatFileItemReader<ResponseRow> responseFileItemReader,
			ItemProcessor<ResponseRow, ContactResponse> responseItemProcessor, ResponseRecorder recorder,
			FlatFileItemWriter<RejectedRecord> responseRejectItemWriter) {
		return new StepBuilder("responseIngestStep", jobRepository).<ResponseRow, ContactResponse>chunk(200)
			.transactionManager(transactionManager)
			.reader(responseFileItemReader)
			.processor(responseItemProcessor)
			.writer(new ContactResponseWriter(recorder))
			.stream(responseRejectItemWriter)
			.faultTolerant()
			.skip(FlatFileParseException.class, InvalidRecordException.class)
			.skipLimit(100_000)
			.skipListener(new RejectedRecordListener(responseRejectItemWriter))
			.build();
	}

	@Bean
	@StepScope
	FlatFileItemReader<ResponseRow> responseFileItemReader(
			@Value("#{jobParameters['" + RESPONSES_FILE + "']}") String file) {
		CsvHeader header = CsvFiles.readHeader(Path.of(file));
		return new FlatFileItemReaderBuilder<ResponseRow>().name("responseFileItemReader")
			.resource(new FileSystemResource(Path.of(file)))
			.bufferedReaderFactory(CsvFiles.strictUtf8())
			.recordSeparatorPolicy(CsvFiles.quotedRecords(header.delimiter()))
			.linesToSkip(1)
			.lineMapper((line, number) -> ResponseRow.of(number, line, header,
					CsvRecordParser.fields(line, number, header)))
			.build();
	}

	@Bean
	@StepScope
	ItemProcessor<ResponseRow, ContactResponse> responseItemProcessor(CustomerRepository customers,
			Communications communications, ReportTimes times,
			@Value("#{jobParameters['" + RESPONSES_FILE + "']}") String file) {
		return new ResponseRecordValidator(customers, communications, file, times)::validate;
	}

	@Bean
	@StepScope
	FlatFileItemWriter<RejectedRecord> responseRejectItemWriter(TidingsHome home,
			@Value("#{jobParameters['" + RESPONSES_FILE + "']}") String file) {
		return RejectedRecord.writer("responseRejectItemWriter", Path.of(file), home.rejects());
	}

}
