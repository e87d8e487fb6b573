package io.tidings.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.Communications;
import io.tidings.outbox.RunRef;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Helpers of the contact policy's run tests: the customers of the small test campaign and
 * their communications.
 */
final class PolicyRuns {

	static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");

	/** The audience of the small test campaign (T910 is merged into T009). */
	static final List<String> AUDIENCE = List.of("T001", "T002", "T003", "T004", "T005", "T006", "T007", "T008", "T009",
			"T013");

	private PolicyRuns() {
	}

	static Instant lisbon(int year, int month, int day, int hour) {
		return ZonedDateTime.of(year, month, day, hour, 0, 0, 0, LISBON).toInstant();
	}

	static List<Communication> communications(Communications communications, RunRef run) {
		return AUDIENCE.stream()
			.flatMap(customer -> communications.findByCustomer(customer).stream())
			.filter(c -> c.run().equals(run))
			.toList();
	}

	static Communication only(Communications communications, RunRef run, String customer,
			io.tidings.outbox.DocumentKind kind) {
		return communications.findByCustomer(customer)
			.stream()
			.filter(c -> c.run().equals(run) && c.kind() == kind)
			.findFirst()
			.orElseThrow();
	}

	static boolean isSent(Communication c) {
		return c.state() == CommunicationState.SENT || c.state() == CommunicationState.PRINTED;
	}

	static boolean isPending(Communication c) {
		return c.state() == CommunicationState.PLANNED || c.state() == CommunicationState.RENDERED;
	}

	/**
	 * What the schedule step of the latest run wrote: the communications it scheduled or
	 * suppressed itself, not those the planning scheduled.
	 */
	static long scheduledByTheScheduleStep(JdbcTemplate jdbc) {
		return jdbc.queryForObject("""
				SELECT write_count FROM batch_step_execution WHERE step_name = 'scheduleCommunicationsStep'
				ORDER BY step_execution_id DESC FETCH FIRST 1 ROWS ONLY
				""", Long.class);
	}

	static LocalDate sentDay(Communication c) {
		return LocalDate.ofInstant(c.sentAt(), LISBON);
	}

}
