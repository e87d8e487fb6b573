package io.tidings.customer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.BatchJobs;
import io.tidings.csv.RejectedRecord;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer import in partitions, run here on four threads instead of worker
 * processes: records of one person that share a key land in one partition and are merged
 * in the order of the file, records of other partitions merged into one known customer
 * are both kept, rejects are written once by the first pass.
 */
@SpringBootTest(properties = "tidings.import.chunk-size=40")
class CustomerImportInPartitionsFunctionalTests {

	private static final String HEADER = "customer_id,first_name,last_name,language,address_line1,postcode,city,"
			+ "country,email,phone,birth_date,consent_email\n";

	private static final String[] FIRST_NAMES = { "Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Noah", "Mia",
			"Jack", "Ivy", "Leo", "Rosie", "Oscar", "Freya", "Arthur" };

	private static final String[] LAST_NAMES = { "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson",
			"Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
			"Jackson", "Clarke" };

	@TempDir
	static Path folder;

	@Autowired
	CustomerImport customerImport;

	@Autowired
	CustomerRepository customers;

	@Autowired
	CustomerMerges merges;

	@Autowired
	CustomerImportPartitions partitions;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JobOperator jobOperator;

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@Test
	void shouldMatchLinkedRecordsInOnePartitionAndMergeTwoPartitionsIntoOneKnownCustomer() throws Exception {
		// given a known customer
		Path base = Files.writeString(folder.resolve("base.csv"), HEADER
				+ "X1,Anna,Schmidt,de,Hauptstraße 1,10115,Berlin,DE,anna.schmidt@example.com,+4915112345678,1980-05-01,true\n"
				+ "X2,Clara,Weber,de,Lindenweg 3,50667,Köln,DE,clara.weber@example.com,+4915198765432,,true\n");
		assertThat(this.customerImport.importFiles(base, null, null).completed()).isTrue();
		// and a file where each comes twice with nothing in common but her (an email, a
		// phone), once with her date of birth as known and once with another that she
		// has not given yet, a new customer comes three times, each record sharing a key
		// with the one before, and a record is bad
		List<String> rows = new ArrayList<>();
		for (int i = 1; i <= 300; i++) {
			rows.add(String.format(Locale.ROOT,
					"P%04d,%s,%s,en,%d Market Street,SW1A 1AA,London,GB,p%04d@example.com,,%s,true", i,
					FIRST_NAMES[i % FIRST_NAMES.length], LAST_NAMES[i % LAST_NAMES.length], i, i,
					LocalDate.of(1950, 1, 1).plusDays(i * 17L)));
		}
		rows.add(10, "N1,Boris,Petrov,en,12 Oak Lane,M1 1AE,Manchester,GB,boris.petrov@example.com,,1970-03-03,true");
		rows.add(120, "R1,Anna,Schmidt,de,Gartenweg 5,80331,München,DE,anna.schmidt@example.com,,,true");
		rows.add(121, "R2,Anna,Schmidt,de,Seestraße 9,20095,Hamburg,DE,,+4915112345678,,true");
		rows.add(122, "R3,Clara,Weber,de,Gartenweg 7,80331,München,DE,clara.weber@example.com,,1975-01-01,true");
		rows.add(123, "R4,Clara,Weber,de,Seestraße 11,20095,Hamburg,DE,,+4915198765432,1977-02-02,true");
		rows.add(150, "B1,Bad,Date,en,1 Nowhere Road,M1 1AE,Manchester,GB,bad@example.com,,1980-13-45,true");
		rows.add(160, "N2,Boris,Petrov,en,3 Elm Road,LS1 1UR,Leeds,GB,boris.petrov@example.com,+447911123456,,true");
		rows.add(290, "N3,Boris,Petrov,en,7 Ash Street,G1 1XQ,Glasgow,GB,,+447911123456,,true");
		Path file = Files.writeString(folder.resolve("next.csv"), HEADER + String.join("\n", rows) + "\n");

		// when it is imported in four partitions side by side
		JobExecution execution = BatchJobs
			.startOrResume(this.jobOperator, this.jobRepository, job(),
					new JobParametersBuilder().addString(CustomerImport.CUSTOMERS_FILE, file.toString())
						.addString("requestedAt", Instant.now().toString())
						.toJobParameters())
			.execution();

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<StepExecution> partitionSteps = execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().startsWith("matchCustomersPartitionStep:"))
			.toList();
		assertThat(partitionSteps).hasSize(4)
			.allSatisfy(step -> assertThat(step.getStatus()).isEqualTo(BatchStatus.COMPLETED))
			.allSatisfy(step -> assertThat(step.getWriteCount()).as("split evenly").isBetween(72L, 82L));
		assertThat(partitionSteps.stream().mapToLong(StepExecution::getWriteCount).sum()).isEqualTo(307);
		assertThat(this.customers.findIdBySource("R1")).contains("X1");
		assertThat(this.customers.findIdBySource("R2")).contains("X1");
		assertThat(this.merges.log("R2")).filteredOn(entry -> entry.sourceId().equals("R2"))
			.extracting(SourceRecordEntry::rule)
			.containsExactly("same phone and similar name");
		String third = this.customers.findIdBySource("R3").orElseThrow();
		String fourth = this.customers.findIdBySource("R4").orElseThrow();
		assertThat(List.of(third, fourth)).as("the first merged gives her a date of birth that keeps the other apart")
			.containsOnlyOnce("X2")
			.containsAnyOf("R3", "R4");
		assertThat(this.customers.findIdBySource("N2")).as("same email").contains("N1");
		assertThat(this.customers.findIdBySource("N3")).as("the phone N2 gave N1, in the order of the file")
			.contains("N1");
		assertThat(this.customers.findById("N1").orElseThrow().phone()).isEqualTo("+447911123456");
		assertThat(this.customers.count()).isEqualTo(304);
		assertThat(Files.readAllLines(RejectedRecord.rejectFile(file, folder))).hasSize(2)
			.last()
			.asString()
			.startsWith("152,birth_date,");
		assertThat(folder.resolve("home/tmp/import-" + execution.getJobInstance().getInstanceId()))
			.as("the files between the passes deleted")
			.doesNotExist();
	}

	/** The run's import with scale-out, with a thread for each partition. */
	private Job job() {
		Step partitioned = new StepBuilder("matchCustomersStep", this.jobRepository)
			.partitioner("matchCustomersPartitionStep", this.partitions.partitioner())
			.step(this.partitions.partitionStep(new StepBuilder("matchCustomersPartitionStep", this.jobRepository)))
			.gridSize(4)
			.taskExecutor(new SimpleAsyncTaskExecutor())
			.build();
		Flow flow = new FlowBuilder<Flow>("customerImportFlow").start(this.partitions.linkStep())
			.next(partitioned)
			.build();
		return new JobBuilder("partitionedImportJob", this.jobRepository)
			.start(new StepBuilder("customerImportStep", this.jobRepository).flow(flow)
				.listener(this.partitions.finish("matchCustomersStep"))
				.build())
			.build();
	}

}
