package io.tidings.sms;

import java.nio.file.Path;

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
 * Ingests SMS status files ({@code tidings ingest <file> --kind sms-status}): Twilio's
 * status callback fields or message log export as CSV, delivery reports and replies
 * alike. A file is identified by its content: the same content again changes nothing, and
 * each report is applied once however many files repeat it.
 */
@Component
public class SmsStatusIngest {

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job smsStatusIngestJob;

	private final TidingsHome home;

	SmsStatusIngest(JobOperator jobOperator, JobRepository jobRepository,
			@Qualifier("smsStatusIngestJob") Job smsStatusIngestJob, TidingsHome home) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.smsStatusIngestJob = smsStatusIngestJob;
		this.home = home;
	}

	/**
	 * Ingests an SMS status CSV.
	 * @throws InvalidInputException when the file is unusable as a whole
	 */
	public IngestReport ingest(Path file) {
		Path input = file.toAbsolutePath().normalize();
		CsvFiles.checkAndReadHeader(input);
		return FileIngestion.run(this.jobOperator, this.jobRepository, this.smsStatusIngestJob,
				SmsStatusIngestJobConfiguration.SMS_STATUS_FILE, input, this.home.rejects());
	}

}
