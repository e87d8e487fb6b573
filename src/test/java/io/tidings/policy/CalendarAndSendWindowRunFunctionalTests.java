package io.tidings.policy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.SimulatedClock;
import io.tidings.TestCampaigns;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DocumentKind;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static io.tidings.policy.PolicyRuns.lisbon;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign planned on a Saturday in October 2026, followed day by day over a simulated
 * calendar: the weekend, Portugal's Republic Day on Monday 5 October, and the SMS send
 * window in the customer's time zones.
 */
@SpringBootTest
class CalendarAndSendWindowRunFunctionalTests {

	static final SimulatedClock CLOCK = new SimulatedClock(lisbon(2026, 10, 3, 10));

	private static final String POLICY = """
			policy:
			  calendar:
			    avoid-weekdays: [saturday, sunday]
			    public-holidays: true
			  send-windows:
			    sms: "08:00-20:00"
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
	JdbcTemplate jdbc;

	static Clock clock() {
		return CLOCK;
	}

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@Test
	void shouldDeferEverythingPlannedOnASaturdayToTheNextAllowedDayOfEachCustomersCountryAndSendItThen() {
		// given a campaign planned on Saturday 3 October
		Path job = TestCampaigns.smallCampaignWithPolicy(folder.resolve("weekend"), POLICY);
		CLOCK.set(lisbon(2026, 10, 3, 10));
		// when
		RunReport planned = this.runner.run(job, LocalDate.of(2026, 9, 30), false);
		// then nothing went out, and each communication waits for its day
		assertThat(planned.completed()).as(String.valueOf(planned.failure())).isTrue();
		List<Communication> all = PolicyRuns.communications(this.communications, planned.run());
		assertThat(all).noneMatch(PolicyRuns::isSent);
		assertThat(all.stream().filter(PolicyRuns::isPending)).allSatisfy(c -> {
			assertThat(c.dropDate().getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
			assertThat(c.deferralCode()).isEqualTo("weekday");
		});
		Communication portugueseStatement = PolicyRuns.only(this.communications, planned.run(), "T002",
				DocumentKind.STATEMENT);
		assertThat(portugueseStatement.dropDate()).isEqualTo(LocalDate.of(2026, 10, 6));
		assertThat(portugueseStatement.deferralReason()).contains("2026-10-03 is a Saturday", "2026-10-04 is a Sunday",
				"2026-10-05 is a public holiday in PT");
		assertThat(PolicyRuns.only(this.communications, planned.run(), "T001", DocumentKind.STATEMENT).dropDate())
			.as("no holiday in Great Britain")
			.isEqualTo(LocalDate.of(2026, 10, 5));
		assertThat(planned.pending().due()).isZero();
		assertThat(planned.pending().nextDue()).isNotNull();
		assertThat(PolicyRuns.scheduledByTheScheduleStep(this.jdbc))
			.as("no daily capacity: scheduled as they were planned, in the decide stage")
			.isZero();

		// when the same run is run again on Sunday
		CLOCK.set(lisbon(2026, 10, 4, 12));
		RunReport sunday = this.runner.run(job, LocalDate.of(2026, 9, 30), false);
		// then nothing is due yet
		assertThat(sunday.alreadyComplete()).isTrue();
		assertThat(PolicyRuns.communications(this.communications, planned.run())).noneMatch(PolicyRuns::isSent);

		// when it is run on Monday at 07:00 in Lisbon
		CLOCK.set(lisbon(2026, 10, 5, 7));
		RunReport monday = this.runner.run(job, LocalDate.of(2026, 9, 30), false);
		// then what is due on Monday goes, except to Portugal (Republic Day)
		assertThat(monday.deliveryPass()).isTrue();
		assertThat(monday.completed()).as(String.valueOf(monday.failure())).isTrue();
		List<Communication> afterMonday = PolicyRuns.communications(this.communications, planned.run());
		assertThat(afterMonday.stream().filter(PolicyRuns::isSent)).isNotEmpty()
			.allSatisfy(c -> assertThat(PolicyRuns.sentDay(c)).isEqualTo(LocalDate.of(2026, 10, 5)))
			.noneMatch(c -> c.customerId().equals("T002") || c.customerId().equals("T013"));
		assertThat(PolicyRuns.only(this.communications, planned.run(), "T001", DocumentKind.STATEMENT).state().name())
			.isEqualTo("PRINTED");
		assertThat(PolicyRuns.only(this.communications, planned.run(), "T002", DocumentKind.CROSS_SELL))
			.as("Portuguese SMS waits for Tuesday")
			.matches(PolicyRuns::isPending);

		// when it is run on Tuesday early, then during the day
		CLOCK.set(lisbon(2026, 10, 6, 6));
		this.runner.run(job, LocalDate.of(2026, 9, 30), false);
		Communication smsAtSix = PolicyRuns.only(this.communications, planned.run(), "T002", DocumentKind.CROSS_SELL);
		CLOCK.set(lisbon(2026, 10, 6, 10));
		RunReport tuesday = this.runner.run(job, LocalDate.of(2026, 9, 30), false);
		// then
		assertThat(smsAtSix).as("no SMS before 08:00 local, nor before 08:00 in the Azores")
			.matches(PolicyRuns::isPending);
		assertThat(tuesday.pending().total()).isZero();
		Path print = tuesday.outputFolder().resolve("print");
		assertThat(print.resolve("DONE")).as("Monday's print job").exists();
		assertThat(print.resolve("manifest.csv")).content().doesNotContain(portugueseStatement.id().value());
		assertThat(print.resolve("drop-001/DONE")).as("Tuesday's print job, in a folder of its own").exists();
		assertThat(print.resolve("drop-001/manifest.csv")).content().contains(portugueseStatement.id().value());
		List<Communication> done = PolicyRuns.communications(this.communications, planned.run());
		assertThat(done).noneMatch(PolicyRuns::isPending);
		assertThat(done.stream().filter(PolicyRuns::isSent))
			.allSatisfy(c -> assertThat(PolicyRuns.sentDay(c)).isEqualTo(c.dropDate()))
			.allSatisfy(c -> assertThat(PolicyRuns.sentDay(c).getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY,
					DayOfWeek.SUNDAY));
		assertThat(done.stream().filter(c -> c.channel() == Channel.SMS)).hasSize(2).allSatisfy(sms -> {
			ZoneId zone = sms.customerId().equals("T002") ? ZoneId.of("Atlantic/Azores") : ZoneId.of("Europe/Kiev");
			LocalTime local = sms.sentAt().atZone(zone).toLocalTime();
			assertThat(local).isBetween(LocalTime.of(8, 0), LocalTime.of(20, 0));
		});
		assertThat(PolicyRuns.AUDIENCE)
			.allSatisfy(customer -> assertThat(done).filteredOn(c -> c.customerId().equals(customer))
				.as("every customer accounted for: sent, or not sent with a reason")
				.isNotEmpty()
				.allSatisfy(c -> assertThat(PolicyRuns.isSent(c) || c.stateReason() != null).isTrue()));
	}

	@Test
	void shouldLeaveWhatFindsNoAllowedDayForTheScheduleStepToSuppress() {
		// given a run planned on a Saturday that may not defer anything past that day
		Path job = TestCampaigns.smallCampaignWithPolicy(folder.resolve("no-deferral"),
				POLICY.replace("policy:", "policy:\n  max-deferral-days: 0"));
		CLOCK.set(lisbon(2026, 10, 10, 10));
		// when
		RunReport planned = this.runner.run(job, LocalDate.of(2026, 10, 10), false);
		// then what found no allowed day is suppressed with the reason, by the schedule
		// step: planning does not take those rows out of the offers it counts
		assertThat(planned.completed()).as(String.valueOf(planned.failure())).isTrue();
		List<Communication> refused = PolicyRuns.communications(this.communications, planned.run())
			.stream()
			.filter(c -> c.stateReason() != null && c.stateReason().contains("no day allowed"))
			.toList();
		assertThat(refused).isNotEmpty().allSatisfy(c -> assertThat(c.dropDate()).isNull());
		assertThat(PolicyRuns.scheduledByTheScheduleStep(this.jdbc)).isEqualTo(refused.size());
	}

	@Test
	void shouldHoldAnSmsPlannedAtNightUntilTheSendWindowOpensInTheCustomersTimeZone() {
		// given a run planned on Friday 9 October at 21:00 in Lisbon, after the SMS
		// window closed
		Path job = TestCampaigns.smallCampaignWithPolicy(folder.resolve("night"), POLICY);
		CLOCK.set(lisbon(2026, 10, 9, 21));
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 10, 8), false);
		// then letters and email went on Friday; SMS wait for Monday, 08:00 local
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		assertThat(PolicyRuns.only(this.communications, report.run(), "T001", DocumentKind.CROSS_SELL))
			.matches(PolicyRuns::isSent);
		Communication sms = PolicyRuns.only(this.communications, report.run(), "T005", DocumentKind.CROSS_SELL);
		assertThat(sms).matches(PolicyRuns::isPending);
		assertThat(sms.deferralCode()).isEqualTo("send-window");
		assertThat(sms.deferralReason()).contains("2026-10-09 outside the sms send window 08:00-20:00");
		assertThat(sms.notBefore())
			.isEqualTo(LocalDate.of(2026, 10, 12).atTime(8, 0).atZone(ZoneId.of("Europe/Kiev")).toInstant());
		assertThat(report.counts()).anySatisfy(count -> assertThat(count.deferralCode()).isEqualTo("send-window"));
	}

}
