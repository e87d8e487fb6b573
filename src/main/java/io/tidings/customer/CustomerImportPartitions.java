package io.tidings.customer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.tidings.DatabaseDialect;
import io.tidings.ProgressListener;
import io.tidings.TableStatistics;
import io.tidings.TidingsHome;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.file.FlatFileParseException;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The customer import in partitions, for a run with scale-out: a first pass in the
 * manager ({@link #linkStep()}) reads and checks every record, writes the rejects and
 * warnings, and notes each valid record's {@link CustomerRecordLinks keys}; the
 * {@link #partitioner()} splits the records into partitions of records that cannot meet
 * each other's ({@link CustomerComponents}); each partition
 * ({@link #partitionStep(StepBuilder)}) matches and merges its records into the customer
 * base, in the order of the file, beside the others. The files between the passes are
 * kept in {@code tmp/import-<job instance>/} of the home folder until the import has
 * completed ({@link #finish(String)}), so that a restarted import goes on from them.
 */
public class CustomerImportPartitions {

	/** The tables an import of customers fills, analysed as it goes on PostgreSQL. */
	static final String[] IMPORTED_TABLES = { "customer", "customer_source", "consent_event",
			"statement_preference_event" };

	private final TidingsHome home;

	private final Step linkStep;

	private final Partitioner partitioner;

	private final PlatformTransactionManager transactionManager;

	private final CustomerImportSettings settings;

	private final DatabaseDialect dialect;

	private final PartitionItems items;

	CustomerImportPartitions(TidingsHome home, Step linkStep, Partitioner partitioner,
			PlatformTransactionManager transactionManager, CustomerImportSettings settings, DatabaseDialect dialect,
			PartitionItems items) {
		this.home = home;
		this.linkStep = linkStep;
		this.partitioner = partitioner;
		this.transactionManager = transactionManager;
		this.settings = settings;
		this.dialect = dialect;
		this.items = items;
	}

	/** What a partition reads, checks again and merges with. */
	record PartitionItems(ItemStreamReader<CustomerRow> reader, ItemProcessor<CustomerRow, ImportedCustomer> processor,
			ItemWriter<ImportedCustomer> writer) {
	}

	/** The first pass: every record read and checked, the valid ones' keys noted. */
	public Step linkStep() {
		return this.linkStep;
	}

	public Partitioner partitioner() {
		return this.partitioner;
	}

	/**
	 * A partition's matching and merging, built on a worker's step builder. A record the
	 * file's reader cannot read (a line in a broken encoding, a quote left open at the
	 * end) was rejected by the first pass and is passed over.
	 */
	public Step partitionStep(StepBuilder builder) {
		return builder.<CustomerRow, ImportedCustomer>chunk(this.settings.chunkSize())
			.transactionManager(this.transactionManager)
			.reader(this.items.reader())
			.processor(this.items.processor())
			.writer(this.items.writer())
			.listener(new ProgressListener("import"))
			.listener(new TableStatistics(this.dialect, IMPORTED_TABLES))
			.faultTolerant()
			.skip(FlatFileParseException.class)
			.skipLimit(this.settings.maxRejects())
			.build();
	}

	/**
	 * Ends the import's step: gives it the counts of its two passes (read, rejected and
	 * warned of in the first, merged in the partitions), as the import in one process
	 * has, and deletes the files between the passes once the import has completed.
	 * @param partitionedStep the name of the step whose partitions merged the records
	 */
	public StepExecutionListener finish(String partitionedStep) {
		return new StepExecutionListener() {

			@Override
			public ExitStatus afterStep(StepExecution stepExecution) {
				for (StepExecution pass : stepExecution.getJobExecution().getStepExecutions()) {
					if (pass.getStepName().equals(linkStep().getName())) {
						stepExecution.setReadCount(pass.getReadCount());
						stepExecution.setReadSkipCount(pass.getReadSkipCount());
						stepExecution.setProcessSkipCount(pass.getProcessSkipCount());
						stepExecution.setFilterCount(pass.getFilterCount());
					}
					else if (pass.getStepName().equals(partitionedStep)) {
						stepExecution.setWriteCount(pass.getWriteCount());
					}
				}
				if (ExitStatus.COMPLETED.getExitCode().equals(stepExecution.getExitStatus().getExitCode())) {
					delete(folder(CustomerImportPartitions.this.home,
							stepExecution.getJobExecution().getJobInstance().getInstanceId()));
				}
				return stepExecution.getExitStatus();
			}

		};
	}

	static Path folder(TidingsHome home, long jobInstance) {
		return home.home().toAbsolutePath().normalize().resolve("tmp").resolve("import-" + jobInstance);
	}

	static Path linksFile(Path folder) {
		return folder.resolve("links");
	}

	private static void delete(Path folder) {
		if (!Files.isDirectory(folder)) {
			return;
		}
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + folder, ex);
		}
	}

}
