package io.tidings.policy;

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

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
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
 * The opt-out ingest job: an opt-outs CSV into consent events, suppression lists and
 * customer flags. Bad records go to a reject file next to the input.
 */
@Configuration(proxyBeanMethods = false)
class OptOutIngestJobConfiguration {

	static final String OPT_OUTS_FILE = "optOutsFile";

	@Bean
	Job optOutIngestJob(JobRepository jobRepository, Step optOutIngestStep) {
		return new JobBuilder("optOutIngestJob", jobRepository).start(optOutIngestStep).build();
	}

	@Bean
	Step optOutIngestStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			FlatFileItemReader<OptOutRow> optOutFileItemReader,
			ItemProcessor<OptOutRow, OptOutRecordValidator.OptOut> optOutItemProcessor,
			ItemWriter<OptOutRecordValidator.OptOut> optOutItemWriter,
			FlatFileItemWriter<RejectedRecord> optOutRejectItemWriter) {
		return new StepBuilder("optOutIngestStep", jobRepository).<OptOutRow, OptOutRecordValidator.OptOut>chunk(200)
			.transactionManager(transactionManager)
			.reader(optOutFileItemReader)
			.processor(optOutItemProcessor)
			.writer(optOutItemWriter)
			.stream(optOutRejectItemWriter)
			.faultTolerant()
			.skip(FlatFileParseException.class, InvalidRecordException.class)
			.skipLimit(100_000)
			.skipListener(new RejectedRecordListener(optOutRejectItemWriter))
			.build();
	}

	@Bean
	@StepScope
	FlatFileItemReader<OptOutRow> optOutFileItemReader(
			@Value("#{jobParameters['" + OPT_OUTS_FILE + "']}") String file) {
		CsvHeader csvHeader = CsvFiles.readHeader(Path.of(file));
		return new FlatFileItemReaderBuilder<OptOutRow>().name("optOutFileItemReader")
			.resource(new FileSystemResource(Path.of(file)))
			.bufferedReaderFactory(CsvFiles.strictUtf8())
			.recordSeparatorPolicy(CsvFiles.quotedRecords(csvHeader.delimiter()))
			.linesToSkip(1)
			.lineMapper((line, number) -> new OptOutRow(number, line, csvHeader.columns(),
					CsvRecordParser.fields(line, number, csvHeader)))
			.build();
	}

	@Bean
	@StepScope
	ItemProcessor<OptOutRow, OptOutRecordValidator.OptOut> optOutItemProcessor(CustomerRepository customers,
			ReportTimes times, @Value("#{jobParameters['" + OPT_OUTS_FILE + "']}") String file) {
		return new OptOutRecordValidator(customers, Path.of(file).getFileName().toString(), times)::validate;
	}

	@Bean
	ItemWriter<OptOutRecordValidator.OptOut> optOutItemWriter(ConsentRegistry registry) {
		return chunk -> chunk.forEach(optOut -> {
			optOut.consents().forEach(registry::record);
			optOut.entries().forEach(registry::record);
		});
	}

	@Bean
	@StepScope
	FlatFileItemWriter<RejectedRecord> optOutRejectItemWriter(TidingsHome home,
			@Value("#{jobParameters['" + OPT_OUTS_FILE + "']}") String file) {
		return RejectedRecord.writer("optOutRejectItemWriter", Path.of(file), home.rejects());
	}

}
