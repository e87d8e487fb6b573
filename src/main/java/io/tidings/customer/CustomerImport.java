package io.tidings.customer;

import io.tidings.csv.CsvFiles;
import io.tidings.csv.RejectedRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import javax.sql.DataSource;

import io.tidings.BatchJobs;
import io.tidings.InvalidInputException;
import io.tidings.TidingsHome;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Entry point of customer imports for the command line and campaign runs: checks input
 * files before a job starts, and reports what an import did.
 */
@Component
public class CustomerImport {

	/** Job parameter: the customer file. */
	public static final String CUSTOMERS_FILE = "customersFile";

	/** Job parameter: the optional mapping file of the customer file. */
	public static final String MAPPING_FILE = "customersMapping";

	/** Job parameter: the encoding given on the command line ({@code --encoding}). */
	static final String ENCODING = "customersEncoding";

	/** Job parameter: the separator given on the command line ({@code --separator}). */
	static final String SEPARATOR = "customersSeparator";

	/** Job parameter: the sheet given on the command line ({@code --sheet}). */
	static final String SHEET = "customersSheet";

	/** Job parameter: the optional transaction file. */
	public static final String TRANSACTIONS_FILE = "transactionsFile";

	/**
	 * Flow status of the {@code transactionFileDecider} bean when a transaction file is
	 * given.
	 */
	public static final String TRANSACTIONS_GIVEN = "TRANSACTIONS";

	/** How to read a file in another encoding, for the message that refuses it. */
	static final String ENCODING_HINT = "the encoding is never guessed: name the file's own with --encoding, "
			+ "such as --encoding windows-1252, or encoding: in the mapping file";

	private final JdbcClient jdbc;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job customerImportJob;

	private final Clock clock;

	private final TidingsHome home;

	CustomerImport(DataSource dataSource, JobOperator jobOperator, JobRepository jobRepository,
			@Qualifier("customerImportJob") Job customerImportJob, Clock clock, TidingsHome home) {
		this.home = home;
		this.jdbc = JdbcClient.create(dataSource);
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.customerImportJob = customerImportJob;
		this.clock = clock;
	}

	/**
	 * Imports a customer file (and optionally a transaction file) into the single
	 * customer view: checks the files, runs the import job, and reports what happened.
	 * @throws InvalidInputException when a file is unusable as a whole
	 */
	public ImportReport importFiles(Path customersFile, @Nullable Path mappingFile, @Nullable Path transactionsFile) {
		return importFiles(customersFile, mappingFile, transactionsFile, ImportOptions.NONE);
	}

	/**
	 * Like {@link #importFiles(Path, Path, Path)}, reading the files as the options say.
	 */
	public ImportReport importFiles(Path customersFile, @Nullable Path mappingFile, @Nullable Path transactionsFile,
			ImportOptions options) {
		Path customers = customersFile.toAbsolutePath().normalize();
		check(customers, mappingFile, transactionsFile, options);
		JobParametersBuilder parameters = new JobParametersBuilder().addString(CUSTOMERS_FILE, customers.toString())
			.addString("requestedAt", Instant.now(this.clock).toString());
		addIfGiven(parameters, ENCODING, options.encoding());
		addIfGiven(parameters, SEPARATOR, options.separator());
		addIfGiven(parameters, SHEET, options.sheet());
		if (mappingFile != null) {
			parameters.addString(MAPPING_FILE, mappingFile.toAbsolutePath().normalize().toString(), false);
		}
		if (transactionsFile != null) {
			parameters.addString(TRANSACTIONS_FILE, transactionsFile.toAbsolutePath().normalize().toString(), false);
		}
		BatchJobs.Outcome outcome = BatchJobs.startOrResume(this.jobOperator, this.jobRepository,
				this.customerImportJob, parameters.toJobParameters());
		JobExecution execution = outcome.execution();
		return new ImportReport(outcome.completed(), outcome.completed() ? null : BatchJobs.failure(execution),
				counts(execution, "customerImportStep"), counts(execution, "transactionImportStep"),
				mergeSummary(customers), existing(RejectedRecord.rejectFile(customers, this.home.rejects())),
				existing(RejectedRecord.warningFile(customers, this.home.rejects())),
				(transactionsFile != null) ? existing(
						RejectedRecord.rejectFile(transactionsFile.toAbsolutePath().normalize(), this.home.rejects()))
						: null);
	}

	private static void addIfGiven(JobParametersBuilder parameters, String name, @Nullable String value) {
		if (value != null) {
			parameters.addString(name, value, false);
		}
	}

	private static ImportReport.Counts counts(JobExecution execution, String step) {
		return execution.getStepExecutions()
			.stream()
			.filter(stepExecution -> stepExecution.getStepName().equals(step))
			.findFirst()
			.map(stepExecution -> new ImportReport.Counts(
					stepExecution.getReadCount() + stepExecution.getReadSkipCount(), stepExecution.getWriteCount(),
					stepExecution.getSkipCount()))
			.orElse(new ImportReport.Counts(0, 0, 0));
	}

	private static @Nullable Path existing(Path file) {
		return Files.exists(file) ? file : null;
	}

	/**
	 * Checks that the files can be imported at all: they exist, are valid in their
	 * encoding (or are readable workbooks), and their headers fit the mapping. Bad
	 * records inside are the import's business (rejected one by one); a file that fails
	 * here is unusable as a whole.
	 * @throws InvalidInputException naming the file, line and field
	 */
	public void check(Path customersFile, @Nullable Path mappingFile, @Nullable Path transactionsFile) {
		check(customersFile, mappingFile, transactionsFile, ImportOptions.NONE);
	}

	/**
	 * Like {@link #check(Path, Path, Path)}, reading the files as the options say.
	 */
	public void check(Path customersFile, @Nullable Path mappingFile, @Nullable Path transactionsFile,
			ImportOptions options) {
		CustomerFileMapping mapping = CustomerFileMapping.load(mappingFile);
		CustomerFileMapping.InputFormat format = mapping.inputFormat(customersFile, options);
		if (format.workbook()) {
			CustomerSheetReader.check(customersFile, format.sheet(),
					new CustomerLineMapper(customersFile, mapping, null));
		}
		else {
			mapping.layout(customersFile,
					CsvFiles.checkAndReadHeader(customersFile, format.charset(), format.delimiter(), ENCODING_HINT));
		}
		if (transactionsFile != null) {
			CustomerFileMapping.InputFormat transactions = CustomerFileMapping.identity()
				.inputFormat(transactionsFile, new ImportOptions(options.encoding(), options.separator(), null));
			List<String> header = CsvFiles
				.checkAndReadHeader(transactionsFile, transactions.charset(), transactions.delimiter(), ENCODING_HINT)
				.columns();
			if (!header.equals(TransactionRow.HEADER)) {
				throw new InvalidInputException(transactionsFile, 1, null,
						"header must be " + String.join(",", TransactionRow.HEADER));
			}
		}
	}

	/**
	 * How the records of a customer file were merged: count by match rule.
	 */
	public Map<String, Long> mergeSummary(Path customersFile) {
		Map<String, Long> summary = new java.util.TreeMap<>();
		this.jdbc
			.sql("SELECT match_rule, COUNT(*) AS total FROM customer_source WHERE source_file = ? GROUP BY match_rule")
			.param(customersFile.toAbsolutePath().normalize().toString())
			.query((rs, n) -> summary.put(rs.getString("match_rule"), rs.getLong("total")))
			.list();
		return summary;
	}

}
