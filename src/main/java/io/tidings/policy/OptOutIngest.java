package io.tidings.policy;

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
		return FileIngestion.run(this.jobOperator, this.jobRepository, this.optOutIngestJob,
				OptOutIngestJobConfiguration.OPT_OUTS_FILE, input, this.home.rejects());
	}

}
