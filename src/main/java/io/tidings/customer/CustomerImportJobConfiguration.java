package io.tidings.customer;

import io.tidings.csv.CsvFiles;
import io.tidings.csv.CsvHeader;
import io.tidings.csv.CsvRecordParser;
import io.tidings.csv.InvalidRecordException;
import io.tidings.csv.RejectedRecord;
import io.tidings.csv.RejectedRecordListener;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.function.LongPredicate;

import org.jspecify.annotations.Nullable;

import io.tidings.DatabaseDialect;
import io.tidings.ProgressListener;
import io.tidings.TableStatistics;
import io.tidings.TidingsHome;
import io.tidings.csv.CsvCells;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.file.FlatFileItemReader;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.FlatFileParseException;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemReaderBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The customer import job: customers (validated, matched and merged into the single
 * customer view), then account transactions. Bad records are skipped into a reject file
 * next to the input; the steps are also part of every campaign run.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CustomerImportSettings.class)
class CustomerImportJobConfiguration {

	/** Status of {@code transactionFileDecider} when a transaction file is given. */
	static final String TRANSACTIONS_GIVEN = CustomerImport.TRANSACTIONS_GIVEN;

	@Bean
	Job customerImportJob(JobRepository jobRepository, Step customerImportStep, Step transactionImportStep,
			JobExecutionDecider transactionFileDecider) {
		return new JobBuilder("customerImportJob", jobRepository).start(customerImportStep)
			.next(transactionFileDecider)
			.on(TRANSACTIONS_GIVEN)
			.to(transactionImportStep)
			.from(transactionFileDecider)
			.on("*")
			.end()
			.end()
			.build();
	}

	/**
	 * Goes on to the transaction import only when a transaction file is given (status
	 * {@value #TRANSACTIONS_GIVEN}).
	 */
	@Bean
	JobExecutionDecider transactionFileDecider() {
		return (jobExecution, stepExecution) -> {
			String file = jobExecution.getJobParameters().getString(CustomerImport.TRANSACTIONS_FILE);
			return new FlowExecutionStatus((file != null && !file.isEmpty()) ? TRANSACTIONS_GIVEN : "NO_TRANSACTIONS");
		};
	}

	@Bean
	Step customerImportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CustomerImportSettings settings, ItemStreamReader<CustomerRow> customerFileItemReader,
			ItemProcessor<CustomerRow, ImportedCustomer> customerItemProcessor,
			ItemWriter<ImportedCustomer> customerMergeItemWriter,
			FlatFileItemWriter<RejectedRecord> customerRejectItemWriter,
			FlatFileItemWriter<ImportedCustomer.FieldWarning> customerWarningItemWriter, DatabaseDialect dialect) {
		return checkedRecordsStep(new StepBuilder("customerImportStep", jobRepository), transactionManager, settings,
				customerFileItemReader, customerItemProcessor, customerMergeItemWriter, customerRejectItemWriter,
				customerWarningItemWriter)
			.listener(new TableStatistics(dialect, CustomerImportPartitions.IMPORTED_TABLES))
			.build();
	}

	/**
	 * The first pass of an import in partitions ({@link CustomerImportPartitions}): reads
	 * and checks every record as {@code customerImportStep} does, and notes the keys of
	 * the valid ones instead of merging them.
	 */
	@Bean
	Step linkCustomerRecordsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CustomerImportSettings settings, ItemStreamReader<CustomerRow> customerFileItemReader,
			ItemProcessor<CustomerRow, ImportedCustomer> customerItemProcessor,
			CustomerLinksWriter customerLinkItemWriter, FlatFileItemWriter<RejectedRecord> customerRejectItemWriter,
			FlatFileItemWriter<ImportedCustomer.FieldWarning> customerWarningItemWriter) {
		ItemWriter<ImportedCustomer> linksAndWarnings = chunk -> {
			customerLinkItemWriter.write(chunk);
			Chunk<ImportedCustomer.FieldWarning> warnings = new Chunk<>();
			chunk.forEach(imported -> imported.warnings().forEach(warnings::add));
			if (!warnings.isEmpty()) {
				customerWarningItemWriter.write(warnings);
			}
		};
		return checkedRecordsStep(new StepBuilder("linkCustomerRecordsStep", jobRepository), transactionManager,
				settings, customerFileItemReader, customerItemProcessor, linksAndWarnings, customerRejectItemWriter,
				customerWarningItemWriter)
			.stream(customerLinkItemWriter)
			.build();
	}

	private static ChunkOrientedStepBuilder<CustomerRow, ImportedCustomer> checkedRecordsStep(StepBuilder builder,
			PlatformTransactionManager transactionManager, CustomerImportSettings settings,
			ItemStreamReader<CustomerRow> reader, ItemProcessor<CustomerRow, ImportedCustomer> processor,
			ItemWriter<ImportedCustomer> writer, FlatFileItemWriter<RejectedRecord> rejects,
			FlatFileItemWriter<ImportedCustomer.FieldWarning> warnings) {
		return builder.<CustomerRow, ImportedCustomer>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(reader)
			.processor(processor)
			.writer(writer)
			.stream(rejects)
			.stream(warnings)
			.listener(new ProgressListener("import"))
			.faultTolerant()
			.skip(FlatFileParseException.class, InvalidRecordException.class)
			.skipLimit(settings.maxRejects())
			.skipListener(new RejectedRecordListener(rejects));
	}

	/**
	 * The keys of each valid record, a line each, for {@link CustomerRecordPartitioner}.
	 */
	@Bean
	@StepScope
	CustomerLinksWriter customerLinkItemWriter(TidingsHome home,
			@Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long jobInstance) {
		return new CustomerLinksWriter(
				CustomerImportPartitions.linksFile(CustomerImportPartitions.folder(home, jobInstance)));
	}

	@Bean
	@StepScope
	CustomerRecordPartitioner customerRecordPartitioner(TidingsHome home, Clock clock,
			@Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long jobInstance) {
		return new CustomerRecordPartitioner(home.home(), CustomerImportPartitions.folder(home, jobInstance),
				LocalDate.now(clock));
	}

	/**
	 * Checks a partition's records again, as of the day the first pass checked them.
	 */
	@Bean
	@StepScope
	ItemProcessor<CustomerRow, ImportedCustomer> customerPartitionItemProcessor(
			@Value("#{jobParameters['" + CustomerImport.MAPPING_FILE + "']}") @Nullable String mappingFile,
			@Value("#{stepExecutionContext['" + CustomerRecordPartitioner.CHECKED_ON + "']}") String checkedOn) {
		return checkedAsOf(LocalDate.parse(checkedOn), mappingFile);
	}

	@Bean
	@StepScope
	CustomerMergeWriter customerPartitionMergeItemWriter(CustomerRepository customers,
			@Value("#{jobParameters['" + CustomerImport.CUSTOMERS_FILE + "']}") String file) {
		return new CustomerMergeWriter(customers, Path.of(file).toAbsolutePath().normalize().toString(), null, true);
	}

	@Bean
	CustomerImportPartitions customerImportPartitions(TidingsHome home,
			@Qualifier("linkCustomerRecordsStep") Step linkCustomerRecordsStep,
			@Qualifier("customerRecordPartitioner") Partitioner customerRecordPartitioner,
			PlatformTransactionManager transactionManager, CustomerImportSettings settings, DatabaseDialect dialect,
			@Qualifier("customerPartitionItemReader") PartitionRecordsReader customerPartitionItemReader,
			@Qualifier("customerPartitionItemProcessor") ItemProcessor<CustomerRow, ImportedCustomer> customerPartitionItemProcessor,
			@Qualifier("customerPartitionMergeItemWriter") CustomerMergeWriter customerPartitionMergeItemWriter) {
		return new CustomerImportPartitions(home, linkCustomerRecordsStep, customerRecordPartitioner,
				transactionManager, settings, dialect, new CustomerImportPartitions.PartitionItems(
						customerPartitionItemReader, customerPartitionItemProcessor, customerPartitionMergeItemWriter));
	}

	/**
	 * Reads a CSV file, or the sheet of an XLSX workbook, in the encoding, with the
	 * separator or from the sheet that the command line or else the mapping gives.
	 */
	@Bean
	@StepScope
	ItemStreamReader<CustomerRow> customerFileItemReader(
			@Value("#{jobParameters['" + CustomerImport.CUSTOMERS_FILE + "']}") String file,
			@Value("#{jobParameters['" + CustomerImport.MAPPING_FILE + "']}") @Nullable String mappingFile,
			@Value("#{jobParameters['" + CustomerImport.ENCODING + "']}") @Nullable String encoding,
			@Value("#{jobParameters['" + CustomerImport.SEPARATOR + "']}") @Nullable String separator,
			@Value("#{jobParameters['" + CustomerImport.SHEET + "']}") @Nullable String sheet) {
		return fileReader(Path.of(file), mappingFile, new ImportOptions(encoding, separator, sheet), line -> true);
	}

	/**
	 * Reads the records of a partition of the import, from the file of its line numbers
	 * that {@link CustomerRecordPartitioner} wrote.
	 */
	@Bean
	@StepScope
	PartitionRecordsReader customerPartitionItemReader(TidingsHome home,
			@Value("#{jobParameters['" + CustomerImport.CUSTOMERS_FILE + "']}") String file,
			@Value("#{jobParameters['" + CustomerImport.MAPPING_FILE + "']}") @Nullable String mappingFile,
			@Value("#{jobParameters['" + CustomerImport.ENCODING + "']}") @Nullable String encoding,
			@Value("#{jobParameters['" + CustomerImport.SEPARATOR + "']}") @Nullable String separator,
			@Value("#{jobParameters['" + CustomerImport.SHEET + "']}") @Nullable String sheet,
			@Value("#{stepExecutionContext['" + CustomerRecordPartitioner.LINES + "']}") String lines) {
		BitSet partition = CustomerComponents.read(home.home().resolve(lines));
		return new PartitionRecordsReader(fileReader(Path.of(file), mappingFile,
				new ImportOptions(encoding, separator, sheet), line -> partition.get(Math.toIntExact(line))),
				partition.length() - 1L);
	}

	private static ItemStreamReader<CustomerRow> fileReader(Path input, @Nullable String mappingFile,
			ImportOptions options, LongPredicate lines) {
		CustomerFileMapping mapping = mapping(mappingFile);
		CustomerFileMapping.InputFormat format = mapping.inputFormat(input, options);
		CustomerLineMapper lineMapper = new CustomerLineMapper(input, mapping, format.delimiter(), lines);
		if (format.workbook()) {
			return new CustomerSheetReader(input, format.sheet(), lineMapper);
		}
		return new FlatFileItemReaderBuilder<CustomerRow>().name("customerFileItemReader")
			.resource(new FileSystemResource(input))
			.bufferedReaderFactory(CsvFiles.strict(format.charset()))
			.recordSeparatorPolicy(CsvFiles
				.quotedRecords(CsvFiles.readHeader(input, format.charset(), format.delimiter()).delimiter()))
			.linesToSkip(1)
			.skippedLinesCallback(lineMapper::readHeader)
			.lineMapper(lineMapper)
			.build();
	}

	@Bean
	@StepScope
	ItemProcessor<CustomerRow, ImportedCustomer> customerItemProcessor(Clock clock,
			@Value("#{jobParameters['" + CustomerImport.MAPPING_FILE + "']}") @Nullable String mappingFile) {
		return checkedAsOf(LocalDate.now(clock), mappingFile);
	}

	private static ItemProcessor<CustomerRow, ImportedCustomer> checkedAsOf(LocalDate day,
			@Nullable String mappingFile) {
		return new CustomerRecordValidator(day, mapping(mappingFile).requireName())::validate;
	}

	private static CustomerFileMapping mapping(@Nullable String mappingFile) {
		return CustomerFileMapping.load((mappingFile != null && !mappingFile.isEmpty()) ? Path.of(mappingFile) : null);
	}

	@Bean
	@StepScope
	CustomerMergeWriter customerMergeItemWriter(CustomerRepository customers,
			@Value("#{jobParameters['" + CustomerImport.CUSTOMERS_FILE + "']}") String file,
			FlatFileItemWriter<ImportedCustomer.FieldWarning> customerWarningItemWriter) {
		return new CustomerMergeWriter(customers, Path.of(file).toAbsolutePath().normalize().toString(),
				customerWarningItemWriter);
	}

	@Bean
	@StepScope
	FlatFileItemWriter<RejectedRecord> customerRejectItemWriter(TidingsHome home,
			@Value("#{jobParameters['" + CustomerImport.CUSTOMERS_FILE + "']}") String file) {
		return RejectedRecord.writer("customerRejectItemWriter", Path.of(file), home.rejects());
	}

	@Bean
	@StepScope
	FlatFileItemWriter<ImportedCustomer.FieldWarning> customerWarningItemWriter(TidingsHome home,
			@Value("#{jobParameters['" + CustomerImport.CUSTOMERS_FILE + "']}") String file) {
		return RejectedRecord.writer("customerWarningItemWriter",
				RejectedRecord.warningFile(Path.of(file), home.rejects()), "line,customer_id,field,reason",
				warning -> CsvCells.line(warning.line(), warning.customerId(), warning.field(), warning.reason()));
	}

	@Bean
	Step transactionImportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CustomerImportSettings settings, FlatFileItemReader<TransactionRow> transactionFileItemReader,
			ItemProcessor<TransactionRow, AccountTransaction> transactionItemProcessor,
			AccountTransactionRepository transactions, FlatFileItemWriter<RejectedRecord> transactionRejectItemWriter,
			DatabaseDialect dialect) {
		return new StepBuilder("transactionImportStep", jobRepository)
			.<TransactionRow, AccountTransaction>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(transactionFileItemReader)
			.processor(transactionItemProcessor)
			.writer(chunk -> transactions.saveAll(chunk.getItems()))
			.stream(transactionRejectItemWriter)
			.listener(new ProgressListener("transactions"))
			.listener(new TableStatistics(dialect, "account_transaction"))
			.faultTolerant()
			.skip(FlatFileParseException.class, InvalidRecordException.class)
			.skipLimit(settings.maxRejects())
			.skipListener(new RejectedRecordListener(transactionRejectItemWriter))
			.build();
	}

	@Bean
	@StepScope
	ItemProcessor<TransactionRow, AccountTransaction> transactionItemProcessor(CustomerRepository customers) {
		return new TransactionRecordValidator(customers)::validate;
	}

	@Bean
	@StepScope
	FlatFileItemReader<TransactionRow> transactionFileItemReader(
			@Value("#{jobParameters['" + CustomerImport.TRANSACTIONS_FILE + "']}") String file,
			@Value("#{jobParameters['" + CustomerImport.ENCODING + "']}") @Nullable String encoding,
			@Value("#{jobParameters['" + CustomerImport.SEPARATOR + "']}") @Nullable String separator) {
		CustomerFileMapping.InputFormat format = CustomerFileMapping.identity()
			.inputFormat(Path.of(file), new ImportOptions(encoding, separator, null));
		CsvHeader header = CsvFiles.readHeader(Path.of(file), format.charset(), format.delimiter());
		return new FlatFileItemReaderBuilder<TransactionRow>().name("transactionFileItemReader")
			.resource(new FileSystemResource(Path.of(file)))
			.bufferedReaderFactory(CsvFiles.strict(format.charset()))
			.recordSeparatorPolicy(CsvFiles.quotedRecords(header.delimiter()))
			.linesToSkip(1)
			.lineMapper(
					(line, number) -> new TransactionRow(number, line, CsvRecordParser.fields(line, number, header)))
			.build();
	}

	@Bean
	@StepScope
	FlatFileItemWriter<RejectedRecord> transactionRejectItemWriter(TidingsHome home,
			@Value("#{jobParameters['" + CustomerImport.TRANSACTIONS_FILE + "']}") String file) {
		return RejectedRecord.writer("transactionRejectItemWriter", Path.of(file), home.rejects());
	}

}
