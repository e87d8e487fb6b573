package io.tidings.response;

import java.nio.file.Path;
import java.util.List;

import io.tidings.InvalidInputException;
import io.tidings.TidingsHome;
import io.tidings.csv.CsvFiles;
import io.tidings.csv.FileIngestion;
import io.tidings.csv.IngestReport;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Ingests response and returned-mail files. A file is identified by its content:
 * ingesting the same content again reports that it was done before; a file that stopped
 * halfway is resumed; and each distinct response is recorded once however many files
 * repeat it.
 */
@Component
public class ResponseIngest {

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job responseIngestJob;

	private final Job returnedMailIngestJob;

	private final TidingsHome home;

	ResponseIngest(JobOperator jobOperator, JobRepository jobRepository,
			@Qualifier("responseIngestJob") Job responseIngestJob,
			@Qualifier("returnedMailIngestJob") Job returnedMailIngestJob, TidingsHome home) {
		this.home = home;
		this.returnedMailIngestJob = returnedMailIngestJob;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.responseIngestJob = responseIngestJob;
	}

	/**
	 * Ingests a responses CSV.
	 * @throws InvalidInputException when the file is unusable as a whole
	 */
	public IngestReport ingestResponses(Path file) {
		Path input = file.toAbsolutePath().normalize();
		ResponseRow.check(input, CsvFiles.checkAndReadHeader(input));
		return FileIngestion.run(this.jobOperator, this.jobRepository, this.responseIngestJob,
				ResponseIngestJobConfiguration.RESPONSES_FILE, input, this.home.rejects());
	}

	/**
	 * Ingests a returned-mail CSV.
	 * @throws InvalidInputException when the file is unusable as a whole
	 */
	public IngestReport ingestReturnedMail(Path file) {
		Path input = file.toAbsolutePath().normalize();
		List<String> header = CsvFiles.checkAndReadHeader(input).columns();
		for (String column : header) {
			if (!ReturnedMailRow.COLUMNS.contains(column)) {
				throw new InvalidInputException(input, 1, column,
						"unknown column; a returned-mail file has " + String.join(", ", ReturnedMailRow.COLUMNS));
			}
		}
		if (!header.contains("reason")) {
			throw new InvalidInputException(input, 1, "reason", "required column is missing");
		}
		if (!header.contains("envelope_id") && !header.contains("communication_id")
				&& !header.contains("customer_id")) {
			throw new InvalidInputException(input, 1, "envelope_id",
					"an envelope_id, communication_id or customer_id column is required");
		}
		return FileIngestion.run(this.jobOperator, this.jobRepository, this.returnedMailIngestJob,
				ReturnedMailIngestJobConfiguration.RETURNED_MAIL_FILE, input, this.home.rejects());
	}

}
