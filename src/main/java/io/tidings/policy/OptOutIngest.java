package io.tidings.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.tidings.BatchJobs;
import io.tidings.InvalidInputException;
import io.tidings.TidingsHome;
import io.tidings.csv.CsvFiles;
import io.tidings.csv.RejectedRecord;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Ingests opt-out files ({@code tidings ingest <file> --kind opt-outs}). A file is
 * identified by its content: the same content again changes nothing, and each distinct
 * opt-out is recorded once however many files repeat it. An opt-out is honoured by the
 * next communication planned and, for communications already planned, at delivery.
 */
@Component
public class OptOutIngest {

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job optOutIngestJob;

	private final TidingsHome home;

	OptOutIngest(JobOperator jobOperator, JobRepository jobRepository,
			@Qualifier("optOutIngestJob") Job optOutIngestJob, TidingsHome home) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.optOutIngestJob = optOutIngestJob;
		this.home = home;
	}

	/**
	 * Ingests an opt-outs CSV.
	 * @throws InvalidInputException when the file is unusable as a whole
	 */
	public IngestReport ingest(Path file) {
		Path input = file.toAbsolutePath().normalize();
		List<String> header = CsvFiles.checkAndReadHeader(input).columns();
		for (String column : header) {
			if (!OptOutRow.COLUMNS.contains(column)) {
				throw new InvalidInputException(input, 1, column,
						"unknown column; an opt-outs file has " + String.join(", ", OptOutRow.COLUMNS));
			}
		}
		for (String required : List.of("channel", "occurred_at")) {
			if (!header.contains(required)) {
				throw new InvalidInputException(input, 1, required, "required column is missing");
			}
		}
		BatchJobs.Outcome outcome = BatchJobs.startOrResume(this.jobOperator, this.jobRepository, this.optOutIngestJob,
				new JobParametersBuilder().addString(OptOutIngestJobConfiguration.OPT_OUTS_FILE, input.toString())
					.addString("sha256", sha256(input))
					.toJobParameters());
		JobExecution execution = outcome.execution();
		long[] counts = execution.getStepExecutions()
			.stream()
			.findFirst()
			.map(step -> new long[] { step.getReadCount() + step.getReadSkipCount(), step.getWriteCount(),
					step.getSkipCount() })
			.orElse(new long[3]);
		Path rejects = RejectedRecord.rejectFile(input, this.home.rejects());
		return new IngestReport(outcome.completed(), outcome.alreadyComplete(),
				outcome.completed() ? null : BatchJobs.failure(execution), counts[0], counts[1], counts[2],
				Files.exists(rejects) ? rejects : null);
	}

	private static String sha256(Path file) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (IOException ex) {
			throw new InvalidInputException(file, "cannot be read: " + ex.getMessage());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

	/**
	 * What an ingest did.
	 *
	 * @param completed whether it ran to its end
	 * @param alreadyIngested whether this content had been ingested before
	 * @param failure why it stopped
	 * @param records records read
	 * @param accepted valid records (each recorded once; repeats change nothing)
	 * @param rejected records rejected
	 * @param rejectFile the reject file, when there is one
	 */
	public record IngestReport(boolean completed, boolean alreadyIngested, @Nullable String failure, long records,
			long accepted, long rejected, @Nullable Path rejectFile) {
	}

}
