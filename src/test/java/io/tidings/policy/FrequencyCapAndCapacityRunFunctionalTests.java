package io.tidings.policy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.SimulatedClock;
import io.tidings.TestCampaigns;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.outbox.Communication;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.RunRef;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static io.tidings.policy.PolicyRuns.lisbon;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two runs of a campaign at the end of October 2026 under a daily capacity of two
 * marketing contacts and a cap of one marketing contact per customer per week, followed
 * day by day across the month end until everything is sent.
 */
@SpringBootTest
class FrequencyCapAndCapacityRunFunctionalTests {

	static final SimulatedClock CLOCK = new SimulatedClock(lisbon(2026, 10, 28, 9));

	private static final String POLICY = """
			policy:
			  calendar:
			    avoid-weekdays: [saturday, sunday]
			    public-holidays: false
			  send-windows: {}
			  frequency-caps:
			    - { channel: all, max: 1, per: week }
			  capacity:
			    per-day: 2
			  max-deferral-days: 30
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
	void shouldSpreadTheAudienceOverDaysByExpectedValueAndNeverContactACustomerTwiceInAWeek() {
		// given a run planned on Wednesday 28 October, and a second one on Thursday
		Path job = TestCampaigns.smallCampaignWithPolicy(folder.resolve("caps"), POLICY);
		CLOCK.set(lisbon(2026, 10, 28, 9));
		RunReport first = this.runner.run(job, LocalDate.of(2026, 10, 28), false);
		assertThat(PolicyRuns.scheduledByTheScheduleStep(this.jdbc))
			.as("a daily capacity: the schedule step gives the days out by value")
			.isPositive();
		CLOCK.set(lisbon(2026, 10, 29, 9));
		RunReport second = this.runner.run(job, LocalDate.of(2026, 10, 29), false);
		assertThat(first.completed()).as(String.valueOf(first.failure())).isTrue();
		assertThat(second.completed()).as(String.valueOf(second.failure())).isTrue();
		List<Communication> firstMarketing = marketing(first.run());
		List<Communication> secondMarketing = marketing(second.run());
		// then the first run's eight offers go two a day, most valuable first, over the
		// month end
		assertThat(firstMarketing.stream().filter(c -> c.dropDate() != null)).hasSize(8);
		assertThat(firstMarketing.stream()
			.filter(c -> c.dropDate() != null)
			.map(Communication::dropDate)
			.distinct()
			.sorted()).containsExactly(LocalDate.of(2026, 10, 28), LocalDate.of(2026, 10, 29),
					LocalDate.of(2026, 10, 30), LocalDate.of(2026, 11, 2));
		List<Communication> byDay = firstMarketing.stream()
			.filter(c -> c.dropDate() != null)
			.sorted(Comparator.comparing(Communication::dropDate))
			.toList();
		for (int i = 1; i < byDay.size(); i++) {
			if (byDay.get(i).dropDate().isAfter(byDay.get(i - 1).dropDate())) {
				assertThat(byDay.get(i).expectedValue()).as("a later day never has a more valuable contact")
					.isLessThanOrEqualTo(byDay.get(i - 1).expectedValue());
			}
		}
		assertThat(byDay).filteredOn(c -> c.dropDate().isAfter(LocalDate.of(2026, 10, 28)))
			.allSatisfy(c -> assertThat(c.deferralCode()).isIn("capacity", "weekday"));

		// when both runs are run again every day for three weeks
		for (LocalDate day = LocalDate.of(2026, 10, 29); day
			.isBefore(LocalDate.of(2026, 12, 1)); day = day.plusDays(1)) {
			CLOCK.set(lisbon(day.getYear(), day.getMonthValue(), day.getDayOfMonth(), 9));
			assertThat(this.runner.run(job, LocalDate.of(2026, 10, 28), false).completed()).isTrue();
			assertThat(this.runner.run(job, LocalDate.of(2026, 10, 29), false).completed()).isTrue();
		}
		// then everything went, each on its drop day, two a day at most, never twice a
		// week to anyone
		List<Communication> all = new ArrayList<>(marketing(first.run()));
		all.addAll(marketing(second.run()));
		assertThat(all).noneMatch(PolicyRuns::isPending);
		List<Communication> sent = all.stream().filter(PolicyRuns::isSent).toList();
		assertThat(sent).hasSize(16);
		assertThat(sent).allSatisfy(c -> {
			assertThat(PolicyRuns.sentDay(c)).isEqualTo(c.dropDate());
			assertThat(c.dropDate().getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
		});
		Map<LocalDate, Long> perDay = sent.stream()
			.collect(Collectors.groupingBy(PolicyRuns::sentDay, Collectors.counting()));
		assertThat(perDay.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(2));
		Map<String, Long> perCustomerAndWeek = sent.stream()
			.collect(Collectors.groupingBy(
					c -> c.customerId() + " week " + PolicyRuns.sentDay(c).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR),
					Collectors.counting()));
		assertThat(perCustomerAndWeek.values()).allSatisfy(count -> assertThat(count).isEqualTo(1));
		assertThat(secondMarketing).filteredOn(c -> "frequency-cap".equals(c.deferralCode())).isNotEmpty();
	}

	private List<Communication> marketing(RunRef run) {
		return PolicyRuns.communications(this.communications, run)
			.stream()
			.filter(c -> c.kind() == DocumentKind.CROSS_SELL && c.offerCode() != null && c.reasonCode() == null)
			.toList();
	}

}
