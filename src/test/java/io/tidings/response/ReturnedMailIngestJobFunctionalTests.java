package io.tidings.response;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
import io.tidings.policy.ConsentRegistry;
import io.tidings.policy.SuppressionEntry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Returned letters after a real run, named by letter, by envelope (every letter in it) or
 * by customer: a letter returned without a new address stops post to that address; one
 * with a new address sends the next letter there.
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

	@Autowired
	ConsentRegistry consents;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@Test
	void shouldBounceReturnedLettersByEnvelopeLetterOrCustomerAndAdjustAddresses() throws Exception {
		// given a run that printed statements, and a cross-sell letter for each of a
		// household of two (T013 and T014) in one envelope
		Path job = TestCampaigns.smallCampaign(folder.resolve("returned"));
		Files.writeString(job.resolveSibling("customers.csv"),
				"T014,Mr,Rui,Silva,pt,Rua Augusta 1,,1100-048,Lisboa,PT,,,1990-01-01,2500.00,EUR,,CURRENT_ACCOUNT,0,"
						+ "single,true,true,false,0\n",
				StandardOpenOption.APPEND);
		RunReport first = this.runner.run(job, LocalDate.of(2026, 9, 30), false);
		assertThat(first.completed()).as(String.valueOf(first.failure())).isTrue();
		Map<String, String> envelopes = envelopesOf(first.outputFolder().resolve("print/manifest.csv"));
		List<Communication> household = printed(first.run()).stream()
			.filter(letter -> letter.kind() == DocumentKind.CROSS_SELL && letter.customerId().matches("T01[34]"))
			.toList();
		assertThat(household).hasSize(2);
		String householdEnvelope = envelopes.get(household.get(0).id().value());
		assertThat(envelopes.get(household.get(1).id().value())).isEqualTo(householdEnvelope);
		List<Communication> statements = printed(first.run()).stream()
			.filter(letter -> letter.kind() == DocumentKind.STATEMENT && !letter.customerId().matches("T01[34]"))
			.toList();
		assertThat(statements).hasSizeGreaterThanOrEqualTo(3);
		Communication unknownAddressee = statements.get(0);
		Communication moved = statements.get(1);
		Communication refused = statements.get(2);
		// rounded up to the second: never before the letters printed within the last one
		String now = OffsetDateTime.now().plusSeconds(1).withNano(0).toString();
		// a post room's file: by letter, by envelope (scanned from the window, in any
		// case), by customer; an unknown letter, a return dated before its letter was
		// printed, an unknown envelope
		Path file = folder.resolve("returned/returned-mail.csv");
		Files.writeString(file,
				"""
						envelope_id,communication_id,customer_id,reason,occurred_at,new_address_line1,new_postcode,new_city,new_region
						,%s,,addressee unknown,%s,,,,
						%s,,,moved,%s,Rua Nova 7,1200-001,Lisboa,Lisboa
						,00000000-0000-5000-8000-000000000000,,refused,%s,,,,
						,%s,,refused,2026-10-11T09:00:00+01:00,,,,
						%s,,,gone away,,,,,
						,,%s,refused,%s,,,,
						FP88CG9P-99999999,,,gone away,,,,,
						"""
					.formatted(unknownAddressee.id(), now, envelopes.get(moved.id().value()), now, now, moved.id(),
							householdEnvelope.toLowerCase(Locale.ROOT), refused.customerId(), now));
		// when
		IngestReport report = this.ingest.ingestReturnedMail(file);
		// then
		assertThat(report.completed()).as(report.failure()).isTrue();
		assertThat(report.accepted()).isEqualTo(4);
		assertThat(report.rejected()).isEqualTo(3);
		List<String> rejects = Files.readAllLines(report.rejectFile());
		assertThat(report.rejectFile().getFileName()).hasToString("returned-mail.rejects.csv");
		assertThat(rejects.get(1)).startsWith("4,communication_id,unknown communication");
		assertThat(rejects.get(2))
			.startsWith("5,occurred_at,\"dated 2026-10-11T09:00+01:00, before the communication it matches was sent");
		assertThat(rejects.get(3)).startsWith("8,envelope_id,unknown envelope FP88CG9P-99999999,");
		assertBounced(unknownAddressee, "returned mail: addressee unknown");
		assertBounced(moved, "returned mail: moved");
		assertBounced(refused, "returned mail: refused");
		for (Communication letter : household) {
			assertBounced(letter, "returned mail: gone away");
			assertThat(this.consents.suppressionsOf(this.customers.findById(letter.customerId()).orElseThrow()))
				.extracting(SuppressionEntry::reason)
				.containsExactly(SuppressionEntry.Reason.GONE_AWAY);
		}
		assertThat(this.customers.findById(moved.customerId()).orElseThrow().address()).satisfies(address -> {
			assertThat(address.line1()).isEqualTo("Rua Nova 7");
			assertThat(address.region()).isEqualTo("Lisboa");
		});
		assertThat(this.ingest.ingestReturnedMail(file).alreadyIngested()).isTrue();
		// when the next run comes
		RunReport next = this.runner.run(job, LocalDate.of(2026, 10, 31), false);
		// then
		assertThat(next.completed()).as(String.valueOf(next.failure())).isTrue();
		assertThat(printed(next.run())).extracting(Communication::customerId)
			.doesNotContain(unknownAddressee.customerId(), "T013", "T014")
			.contains(moved.customerId());
	}

	private void assertBounced(Communication letter, String reason) {
		Communication now = this.communications.find(letter.id()).orElseThrow();
		assertThat(now.state()).as(letter.customerId() + " " + letter.kind()).isEqualTo(CommunicationState.BOUNCED);
		assertThat(now.stateReason()).isEqualTo(reason);
	}

	/** Envelope id of each communication in a print manifest. */
	private static Map<String, String> envelopesOf(Path manifest) throws Exception {
		List<String> header = List.of(Files.readAllLines(manifest).get(0).split(","));
		Map<String, String> envelopes = new HashMap<>();
		Files.readAllLines(manifest)
			.stream()
			.skip(1)
			.map(line -> line.split(","))
			.forEach(row -> envelopes.put(row[header.indexOf("communication_id")], row[header.indexOf("envelope_id")]));
		return envelopes;
	}

	private List<Communication> printed(RunRef run) {
		List<Communication> printed = new ArrayList<>();
		this.readers.forEach(run, Channel.PRINT, CommunicationState.PRINTED, printed::add);
		return printed;
	}

}
