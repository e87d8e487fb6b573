package io.tidings.campaign;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.tidings.DatabaseDialect;
import io.tidings.outbox.Channel;
import io.tidings.outbox.CommunicationPlan;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.LedgerDatabases;
import io.tidings.outbox.OutboxLedger;
import io.tidings.outbox.RunRef;
import io.tidings.outbox.StageWork;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerRangePartitionerTests {

	private static final RunRef RUN = new RunRef("quarterly", "2026-09-30");

	@Test
	void shouldGiveAsManyPartitionsAsAskedForAndNameThemWithoutReadingTheLedger() {
		// given two customers left to render and four partitions wanted
		DataSource dataSource = LedgerDatabases.migrated("h2");
		new OutboxLedger(dataSource, new DatabaseDialect(dataSource),
				Clock.fixed(Instant.parse("2026-09-30T08:00:00Z"), ZoneOffset.UTC))
			.plan(List.of(plan("C1"), plan("C2")));
		CustomerRangePartitioner partitioner = new CustomerRangePartitioner(new CommunicationReaders(dataSource), RUN,
				CommunicationState.PLANNED, EnumSet.allOf(Channel.class), StageWork.RENDER);
		// when
		Map<String, ExecutionContext> partitions = partitioner.partition(4);
		// then the ranges that hold them, and empty ones up to four: a restart, which
		// takes the names alone, finds each partition of the first attempt
		assertThat(partitions).containsOnlyKeys("partition0", "partition1", "partition2", "partition3");
		assertThat(partitions.values().stream().map(context -> context.getString("firstCustomer")))
			.containsExactly("C1", "C2", "", "");
		assertThat(partitioner.getPartitionNames(4)).containsExactlyElementsOf(partitions.keySet());
	}

	private static CommunicationPlan plan(String customerId) {
		return CommunicationPlan.planned(RUN, customerId, Channel.PRINT, DocumentKind.CROSS_SELL, "SAVINGS",
				"cross-sell/savings.ftlh", "test");
	}

}
