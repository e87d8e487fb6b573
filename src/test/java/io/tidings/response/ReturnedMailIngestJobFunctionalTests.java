package io.tidings.response;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.csv.IngestReport;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.RunRef;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Returned letters after a real run: a letter returned without a new address stops post
 * to that address; one with a new address sends the next letter there.
 */
@SpringBootTest
class ReturnedMailIngestJobFunctionalTests {

	@TempDir
	static Path folder;

	@Autowired
	CampaignRunner runner;

	@Autowired
	Communications communications;

	@Autowired
	CommunicationReaders readers;

	@Autowired
	ResponseIngest ingest;

	@Autowired
	CustomerRepository customers;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@Test
	void shouldStopPostToAnAddressThatReturnedMailAndUseANewAddressWhenGiven() throws Exception {
		// given a run that printed statements, two of which came back (and a third
		// return dated before its letter was printed)
		Path job = TestCampaigns.smallCampaign(folder.resolve("returned"));
		RunReport first = this.runner.run(job, LocalDate.of(2026, 9, 30), false);
		assertThat(first.completed()).as(String.valueOf(first.failure())).isTrue();
		List<Communication> statements = printed(first.run());
		assertThat(statements).hasSizeGreaterThanOrEqualTo(2);
		Communication unknownAddressee = statements.get(0);
		Communication moved = statements.get(1);
		Path file = folder.resolve("returned/returned-mail.csv");
		Files.writeString(file, """
				communication_id,customer_id,reason,occurred_at,new_address_line1,new_postcode,new_city
				%s,,addressee unknown,%s,,,
				,%s,moved,2026-10-11T09:00:00+01:00,Rua Nova 7,1200-001,Lisboa
				00000000-0000-5000-8000-000000000000,,refused,2026-10-11T09:00:00+01:00,,,
				%s,,refused,2026-10-11T09:00:00+01:00,,,
				""".formatted(unknownAddressee.id(), OffsetDateTime.now().withNano(0), moved.customerId(), moved.id()));
		// when
		IngestReport report = this.ingest.ingestReturnedMail(file);
		// then
		assertThat(report.completed()).as(report.failure()).isTrue();
		assertThat(report.accepted()).isEqualTo(2);
		assertThat(report.rejected()).isEqualTo(2);
		assertThat(Files.readAllLines(report.rejectFile()).get(1))
			.startsWith("4,communication_id,unknown communication");
		assertThat(Files.readAllLines(report.rejectFile()).get(2))
			.startsWith("5,occurred_at,\"dated 2026-10-11T09:00+01:00, before the communication it matches was sent");
		assertThat(this.communications.find(moved.id()).orElseThrow().state()).isEqualTo(CommunicationState.PRINTED);
		Communication bounced = this.communications.find(unknownAddressee.id()).orElseThrow();
		assertThat(bounced.state()).isEqualTo(CommunicationState.BOUNCED);
		assertThat(bounced.stateReason()).isEqualTo("returned mail: addressee unknown");
		assertThat(this.customers.findById(moved.customerId()).orElseThrow().address().line1()).isEqualTo("Rua Nova 7");
		assertThat(this.ingest.ingestReturnedMail(file).alreadyIngested()).isTrue();
		// when the next run comes
		RunReport next = this.runner.run(job, LocalDate.of(2026, 10, 31), false);
		// then
		assertThat(next.completed()).as(String.valueOf(next.failure())).isTrue();
		assertThat(printed(next.run())).extracting(Communication::customerId)
			.doesNotContain(unknownAddressee.customerId())
			.contains(moved.customerId());
	}

	private List<Communication> printed(RunRef run) {
		List<Communication> printed = new ArrayList<>();
		this.readers.forEach(run, Channel.PRINT, CommunicationState.PRINTED, printed::add);
		return printed.stream().filter(letter -> letter.kind() == DocumentKind.STATEMENT).toList();
	}

}
