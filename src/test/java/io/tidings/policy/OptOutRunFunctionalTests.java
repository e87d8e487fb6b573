package io.tidings.policy;

import io.tidings.csv.IngestReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.InvalidInputException;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerFixture;
import io.tidings.customer.PostalAddress;
import io.tidings.SimulatedClock;
import io.tidings.TestCampaigns;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DocumentKind;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static io.tidings.policy.PolicyRuns.lisbon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Opt-outs, suppression lists and flags ingested while a run waits over a weekend are
 * honoured at delivery, and by the next run at planning; a run that requires approval
 * starts only on an approved dry run.
 */
@SpringBootTest
class OptOutRunFunctionalTests {

	static final SimulatedClock CLOCK = new SimulatedClock(lisbon(2026, 12, 5, 10));

	private static final String POLICY = """
			policy:
			  calendar:
			    avoid-weekdays: [saturday, sunday]
			    public-holidays: false
			  send-windows: {}
			""";

	@TempDir
	static Path folder;

	@TestBean
	Clock clock;

	@Autowired
	CampaignRunner runner;

	@Autowired
	Communications communications;

	@Autowired
	OptOutIngest optOuts;

	@Autowired
	ConsentRegistry consents;

	static Clock clock() {
		return CLOCK;
	}

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@Test
	void shouldHonourAnOptOutAtDeliveryForWhatWasPlannedAndAtPlanningForTheNextRun() throws IOException {
		// given a run planned on Saturday 5 December, waiting for Monday
		Path job = TestCampaigns.smallCampaignWithPolicy(folder.resolve("opt-outs"), POLICY);
		CLOCK.set(lisbon(2026, 12, 5, 10));
		RunReport planned = this.runner.run(job, LocalDate.of(2026, 11, 30), false);
		assertThat(PolicyRuns.communications(this.communications, planned.run())).noneMatch(PolicyRuns::isSent);
		// and opt-outs received on Sunday: T001 by id from email, T006's address on the
		// email
		// list, T003 deceased, T009 gone away
		Path file = folder.resolve("opt-outs.csv");
		Files.writeString(file, """
				customer_id,email,phone,address_line1,postcode,country,channel,occurred_at,reason
				T001,,,,,,email,2026-12-06T11:00:00+00:00,
				,ANN.OBRIEN@example.com,,,,,email,2026-12-06T11:05:00+00:00,opt-out
				T003,,,,,,all,2026-12-06T11:10:00+00:00,deceased
				T009,,,,,,print,2026-12-06T11:15:00+00:00,gone-away
				T404,,,,,,email,2026-12-06T11:20:00+00:00,
				""");
		CLOCK.set(lisbon(2026, 12, 6, 12));
		// when
		IngestReport ingested = this.optOuts.ingest(file);
		IngestReport again = this.optOuts.ingest(file);
		CLOCK.set(lisbon(2026, 12, 7, 9));
		RunReport monday = this.runner.run(job, LocalDate.of(2026, 11, 30), false);
		// then
		assertThat(ingested.accepted()).isEqualTo(4);
		assertThat(ingested.rejected()).as("unknown customer T404").isEqualTo(1);
		assertThat(again.alreadyIngested()).isTrue();
		assertThat(this.consents.consentHistory("T001")).filteredOn(event -> !event.granted()).hasSize(1);
		assertThat(monday.completed()).as(String.valueOf(monday.failure())).isTrue();
		assertSuppressed(planned, "T001", DocumentKind.CROSS_SELL, "opted-out",
				"at delivery: email: opted out of email on 2026-12-06 (opt-outs:opt-outs.csv)");
		assertSuppressed(planned, "T006", DocumentKind.CROSS_SELL, "suppression-list",
				"at delivery: email: email on the suppression list for email");
		assertSuppressed(planned, "T003", DocumentKind.CROSS_SELL, "deceased", "at delivery: print: deceased");
		assertSuppressed(planned, "T009", DocumentKind.STATEMENT, "gone-away",
				"at delivery: print: gone away from the postal address");
		assertThat(PolicyRuns.only(this.communications, planned.run(), "T003", DocumentKind.STATEMENT).state())
			.as("a legally required statement still goes")
			.isEqualTo(CommunicationState.PRINTED);
		assertThat(PolicyRuns.only(this.communications, planned.run(), "T009", DocumentKind.CROSS_SELL))
			.as("email is not stopped by an address gone away")
			.matches(PolicyRuns::isSent);
		assertThat(monday.counts()).anySatisfy(count -> assertThat(count.reasonCode()).isEqualTo("opted-out"));

		// when the next run is planned on Tuesday
		CLOCK.set(lisbon(2026, 12, 8, 9));
		RunReport next = this.runner.run(job, LocalDate.of(2026, 12, 7), false);
		// then the opt-outs decide the channels at once
		Communication t001 = PolicyRuns.only(this.communications, next.run(), "T001", DocumentKind.CROSS_SELL);
		assertThat(t001.channel()).as("a mailer instead of email (the offer allows no SMS)").isEqualTo(Channel.PRINT);
		assertThat(t001.decisionReason()).contains("email: opted out of email on 2026-12-06",
				"sms: not allowed for this offer");
		assertThat(PolicyRuns.only(this.communications, next.run(), "T003", DocumentKind.CROSS_SELL).reasonCode())
			.isEqualTo("deceased");
		assertThat(PolicyRuns.only(this.communications, next.run(), "T009", DocumentKind.STATEMENT).reasonCode())
			.isEqualTo("gone-away");
	}

	@Test
	void shouldReleaseARunRequiringApprovalOnlyOnACompletedDryRunOfTheSameFilesApprovedByAnotherUser()
			throws IOException {
		// given
		Path job = TestCampaigns.smallCampaignWithPolicy(folder.resolve("approval"),
				POLICY + "  require-approval: true\n");
		LocalDate asOf = LocalDate.of(2026, 12, 8);
		CLOCK.set(lisbon(2026, 12, 9, 9));
		// when a real run is asked without approval
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.runner.run(job, asOf, false, null, "checker"))
			.withMessageContaining("policy.require-approval is set");
		// and a dry run is made, and the job file changed after it
		RunReport dry = this.runner.run(job, asOf, true, null, "maker");
		Files.writeString(job, Files.readString(job).replace("description: test campaign", "description: changed"));
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.runner.run(job, asOf, false, dry.run().runKey(), "checker"))
			.withMessageContaining("since dry run " + dry.run().runKey());
		CLOCK.set(lisbon(2026, 12, 9, 10));
		RunReport approved = this.runner.run(job, asOf, true, null, "maker");
		// then who made the dry run cannot approve it, nor can anyone approve a dry run
		// that does not say who made it
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.runner.run(job, asOf, false, approved.run().runKey(), "Maker"))
			.withMessageContaining("four eyes: maker made that dry run");
		CLOCK.set(lisbon(2026, 12, 9, 11));
		RunReport anonymous = this.runner.run(job, asOf, true);
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.runner.run(job, asOf, false, anonymous.run().runKey(), "checker"))
			.withMessageContaining("does not record who made it");
		// and a run approved by another user on the dry run of the files as they are runs
		RunReport released = this.runner.run(job, asOf, false, approved.run().runKey(), "checker");
		assertThat(dry.completed()).isTrue();
		assertThat(dry.counts()).extracting(count -> count.state())
			.containsOnly(CommunicationState.PLANNED, CommunicationState.SUPPRESSED);
		assertThat(released.completed()).as(String.valueOf(released.failure())).isTrue();
		assertThat(PolicyRuns.communications(this.communications, released.run())).anyMatch(PolicyRuns::isSent);
	}

	private void assertSuppressed(RunReport run, String customer, DocumentKind kind, String code, String reason) {
		Communication communication = PolicyRuns.only(this.communications, run.run(), customer, kind);
		assertThat(communication.state()).as(customer).isEqualTo(CommunicationState.SUPPRESSED);
		assertThat(communication.reasonCode()).as(customer).isEqualTo(code);
		assertThat(communication.stateReason()).as(customer).startsWith(reason);
	}

	@Test
	void shouldSuppressAnAddressWrittenWithSsOrRecordedUnderItsOldKey() throws IOException {
		// given an address opt-out written without ß, and a gone-away recorded before
		// names and addresses had one comparable form (under its key of then, ß kept)
		Path file = folder.resolve("address-opt-outs.csv");
		Files.writeString(file, """
				customer_id,email,phone,address_line1,postcode,country,channel,occurred_at,reason
				,,,INVALIDENSTRASSE 1,10115,DE,print,2026-12-06T11:00:00+00:00,opt-out
				""");
		assertThat(this.optOuts.ingest(file).accepted()).isEqualTo(1);
		this.consents.record(SuppressionEntry.of(SuppressionEntry.MatchKind.ADDRESS, "gartenstraße2|10115|DE",
				Channel.PRINT, SuppressionEntry.Reason.GONE_AWAY, "returned-mail:before.csv",
				java.time.OffsetDateTime.parse("2025-01-01T10:00:00Z")));
		// when
		var invalidenstrasse = this.consents.suppressionsOf(berliner("Invalidenstraße 1"));
		var gartenstrasse = this.consents.suppressionsOf(berliner("Gartenstraße 2"));
		// then
		assertThat(invalidenstrasse).extracting(SuppressionEntry::matchValue)
			.containsExactly("invalidenstrasse1|10115|DE");
		assertThat(gartenstrasse).extracting(SuppressionEntry::reason)
			.containsExactly(SuppressionEntry.Reason.GONE_AWAY);
	}

	@Test
	void shouldRecordEachConsentPreferenceAndSuppressionOnceAndSayWhetherItWasNew() {
		java.time.OffsetDateTime at = java.time.OffsetDateTime.parse("2026-11-02T09:00:00Z");
		assertThat(this.consents.recordOptOut("R1", Channel.EMAIL, "once.csv", at)).isTrue();
		assertThat(this.consents.recordOptOut("R1", Channel.EMAIL, "once.csv", at)).isFalse();
		assertThat(this.consents.recordStatementPreference("R1", true, "once.csv", at)).isTrue();
		assertThat(this.consents.recordStatementPreference("R1", true, "once.csv", at)).isFalse();
		assertThat(this.consents.recordComplaint("r1@example.com", "once.csv", at)).isTrue();
		assertThat(this.consents.recordComplaint("r1@example.com", "once.csv", at)).isFalse();
	}

	private static Customer berliner(String line1) {
		Customer c = CustomerFixture.aCustomer();
		return new Customer("B1", c.salutation(), "Anna", "Weiß", "de",
				new PostalAddress(line1, null, "10115", "Berlin", "DE"), null, null, c.birthDate(), c.balance(), "EUR",
				c.holdings(), 0, null, false, false, false, c.attributes());
	}

}
