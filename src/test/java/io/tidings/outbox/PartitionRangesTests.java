package io.tidings.outbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tidings.DatabaseDialect;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stage's partitions cut by the weight of their communications, on H2 and PostgreSQL:
 * customers whose documents cost very different amounts of work still make partitions of
 * about equal work.
 */
class PartitionRangesTests {

	private static final RunRef RUN = new RunRef("quarterly", "2026-09-30");

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void shouldCutTheCustomersAtEqualWork(String database) {
		// given 10 paperless customers first (a statement by email, 42, and a cross-sell
		// email, 3), then 30 customers with a printed statement (10) and an SMS (1)
		DataSource dataSource = LedgerDatabases.migrated(database);
		List<CommunicationPlan> plans = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			String customer = String.format(Locale.ROOT, "C%02d", i);
			if (i < 10) {
				plans.add(plan(customer, Channel.EMAIL, DocumentKind.STATEMENT));
				plans.add(plan(customer, Channel.EMAIL, DocumentKind.CROSS_SELL));
			}
			else {
				plans.add(plan(customer, Channel.PRINT, DocumentKind.STATEMENT));
				plans.add(plan(customer, Channel.SMS, DocumentKind.CROSS_SELL));
			}
		}
		new OutboxLedger(dataSource, new DatabaseDialect(dataSource),
				Clock.fixed(Instant.parse("2026-09-30T08:00:00Z"), ZoneOffset.UTC))
			.plan(plans);
		// when
		List<PartitionRange> ranges = new CommunicationReaders(dataSource).customerRanges(RUN,
				CommunicationState.PLANNED, EnumSet.allOf(Channel.class), StageWork.RENDER, 4);
		// then each holds a quarter of the work (780) within one customer's (45), where
		// ranges of 10 customers each would hold 450, 110, 110 and 110
		assertThat(ranges).hasSize(4);
		assertThat(ranges).extracting(PartitionRange::weight)
			.allSatisfy(weight -> assertThat(weight).isBetween(150L, 240L));
		assertThat(ranges.stream().mapToLong(PartitionRange::weight).sum()).isEqualTo(780);
		assertThat(ranges.stream().mapToLong(PartitionRange::communications).sum()).isEqualTo(80);
		assertThat(ranges.get(0).customers().first()).isEqualTo("C00");
		assertThat(ranges.get(3).customers().last()).isEqualTo("C39");
		for (int i = 1; i < ranges.size(); i++) {
			// contiguous: the next range starts with the customer after the previous
			// one's last
			int previousLast = Integer.parseInt(ranges.get(i - 1).customers().last().substring(1));
			assertThat(ranges.get(i).customers().first())
				.isEqualTo(String.format(Locale.ROOT, "C%02d", previousLast + 1));
		}
	}

	private static CommunicationPlan plan(String customer, Channel channel, DocumentKind kind) {
		return CommunicationPlan.planned(RUN, customer, channel, kind, null, "statement.ftlh", "test");
	}

}
