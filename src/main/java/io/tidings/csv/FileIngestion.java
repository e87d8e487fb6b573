package io.tidings.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.tidings.BatchJobs;
import io.tidings.InvalidInputException;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Runs the one-step job that ingests a file. A file is identified by its content
 * (SHA-256): ingesting the same content again reports that it was done before, and a file
 * that stopped halfway is resumed.
 */
public final class FileIngestion {

	private FileIngestion() {
	}

	/**
	 * @param job the ingest job, whose step reads the file named by {@code fileParameter}
	 * @param input the file, already checked
	 * @param rejectFolder where its reject file goes when its own folder is read-only
	 */
	public static IngestReport run(JobOperator jobOperator, JobRepository jobRepository, Job job, String fileParameter,
			Path input, Path rejectFolder) {
		BatchJobs.Outcome outcome = BatchJobs.startOrResume(jobOperator, jobRepository, job,
				new JobParametersBuilder().addString(fileParameter, input.toString())
					.addString("sha256", sha256(input))
					.toJobParameters());
		JobExecution execution = outcome.execution();
		long[] counts = execution.getStepExecutions()
			.stream()
			.findFirst()
			.map(step -> new long[] { step.getReadCount() + step.getReadSkipCount(), step.getWriteCount(),
					step.getSkipCount() })
			.orElse(new long[3]);
		Path rejects = RejectedRecord.rejectFile(input, rejectFolder);
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

}
