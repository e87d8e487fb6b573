package io.tidings.outbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tidings.DatabaseDialect;
import io.tidings.customer.PostalOrder;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's writer against its readers, look-ups and counts on the real schema: what
 * the writer records is what the others read.
 */
class OutboxLedgerTests {

	private static final Instant NOW = Instant.parse("2026-09-30T08:00:00Z");

	private static final RunRef RUN = new RunRef("quarterly", "2026-09-30");

	private JdbcDataSource dataSource;

	private OutboxLedger ledger;

	private Communications communications;

	private CommunicationReaders readers;

	private ContactHistory history;

	private RunCounts counts;

	@BeforeEach
	void migrate() {
		JdbcDataSource dataSource = new JdbcDataSource();
		this.dataSource = dataSource;
		dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.load()
			.migrate();
		this.ledger = new OutboxLedger(dataSource, new DatabaseDialect(dataSource), Clock.fixed(NOW, ZoneOffset.UTC));
		this.communications = new Communications(dataSource);
		this.readers = new CommunicationReaders(dataSource);
		this.history = new ContactHistory(dataSource);
		this.counts = new RunCounts(dataSource);
	}

	@Test
	void shouldPlanEachCommunicationOnceAndFindIt() {
		// given
		CommunicationPlan plan = offer(RUN, "C1", Channel.EMAIL);
		// when
		this.ledger.plan(List.of(plan));
		this.ledger.plan(List.of(plan));
		// then
		assertThat(this.communications.findByCustomer("C1")).singleElement()
			.satisfies(communication -> assertThat(communication.id()).isEqualTo(plan.id()))
			.satisfies(communication -> assertThat(communication.state()).isEqualTo(CommunicationState.PLANNED))
			.satisfies(communication -> assertThat(communication.plannedAt()).isEqualTo(NOW));
		assertThat(this.communications.find(plan.id())).isPresent();
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void shouldKeepTheFirstPlanOfARunCustomerAndDocumentKind(String database) {
		// given a customer's offer planned by email
		DataSource dataSource = LedgerDatabases.migrated(database);
		OutboxLedger ledger = new OutboxLedger(dataSource, new DatabaseDialect(dataSource),
				Clock.fixed(NOW, ZoneOffset.UTC));
		CommunicationPlan email = offer(RUN, "C1", Channel.EMAIL);
		ledger.plan(List.of(email, offer(RUN, "C2", Channel.SMS)));
		// when a rerun decides the same offer by SMS (another id), and plans the next
		// customer for the first time
		ledger.plan(
				List.of(offer(RUN, "C1", Channel.SMS), offer(RUN, "C2", Channel.SMS), offer(RUN, "C3", Channel.PRINT)));
		// then the first plan stays, and nothing is planned twice
		Communications communications = new Communications(dataSource);
		assertThat(communications.findByCustomer("C1")).singleElement()
			.satisfies(communication -> assertThat(communication.id()).isEqualTo(email.id()))
			.satisfies(communication -> assertThat(communication.channel()).isEqualTo(Channel.EMAIL));
		assertThat(communications.findByCustomer("C2")).hasSize(1);
		assertThat(communications.findByCustomer("C3")).singleElement()
			.satisfies(communication -> assertThat(communication.channel()).isEqualTo(Channel.PRINT));
	}

	@Test
	void shouldReadUnderTheGivenNameOnlyWhatIsInTheState() throws Exception {
		// given
		CommunicationPlan email = offer(RUN, "C1", Channel.EMAIL);
		CommunicationPlan sms = offer(RUN, "C2", Channel.SMS);
		this.ledger.plan(List.of(email, sms));
		// when
		this.ledger.markRendered(List.of(new OutboxLedger.Rendering(email.id(), "archive/C1.eml", "sha", null)));
		// then
		assertThat(read(this.readers.reader("plannedCommunicationItemReader", RUN, CommunicationState.PLANNED,
				"communication_id")))
			.containsExactly(sms.id());
		assertThat(read(this.readers.dueReader("renderedCommunicationItemReader", RUN, CommunicationState.RENDERED,
				EnumSet.of(Channel.EMAIL), NOW)))
			.containsExactly(email.id());
		assertThat(this.readers.reader("plannedCommunicationItemReader", RUN, CommunicationState.PLANNED, "customer_id")
			.getName()).isEqualTo("plannedCommunicationItemReader");
		assertThat(this.readers.customerRanges(RUN, CommunicationState.PLANNED, EnumSet.allOf(Channel.class),
				StageWork.RENDER, 4))
			.containsExactly(new PartitionRange(new CustomerRange("C2", "C2"), 1, 1));
	}

	@Test
	void shouldReadInTheOrderGivenSuchAsTheCustomersPostalOrder() throws Exception {
		// given customers whose ids and postal codes are in different orders, and one
		// whose row is gone
		JdbcClient jdbc = JdbcClient.create(this.dataSource);
		List.of("C1:GB:SW1A 1AA", "C2:DE:10115", "C3:GB:EC1A 1BB", "C4:DE:80331")
			.forEach(customer -> jdbc.sql("""
					INSERT INTO customer (customer_id, language, country, postcode, balance, currency, holdings,
					  children, consent_email, consent_sms, paperless, attributes, match_key, updated_at)
					VALUES (?, 'en', ?, ?, 0, 'EUR', '', 0, TRUE, TRUE, FALSE, '{}', ?, CURRENT_TIMESTAMP)
					""")
				.params(customer.split(":")[0], customer.split(":")[1], customer.split(":")[2], customer.split(":")[0])
				.update());
		List<CommunicationPlan> plans = List.of(offer(RUN, "C1", Channel.PRINT), offer(RUN, "C2", Channel.PRINT),
				offer(RUN, "C3", Channel.EMAIL), offer(RUN, "C4", Channel.PRINT), offer(RUN, "C0", Channel.PRINT));
		this.ledger.plan(plans);
		// when
		String order = PostalOrder.of("communication.customer_id");
		List<CommunicationId> all = read(
				this.readers.reader("plannedCommunicationItemReader", RUN, CommunicationState.PLANNED, order));
		List<CommunicationId> partition = read(this.readers.reader("plannedCommunicationItemReader", RUN,
				CommunicationState.PLANNED, new CustomerRange("C2", "C4"), order));
		// then
		assertThat(all).containsExactly(plans.get(4).id(), plans.get(1).id(), plans.get(3).id(), plans.get(2).id(),
				plans.get(0).id());
		assertThat(partition).containsExactly(plans.get(1).id(), plans.get(3).id(), plans.get(2).id());
	}

	@Test
	void shouldSettleAHandOverWithoutAnswerAsSentInDoubt() {
		// given
		CommunicationPlan plan = offer(RUN, "C1", Channel.SMS);
		this.ledger.plan(List.of(plan));
		this.ledger.markRendered(List.of(new OutboxLedger.Rendering(plan.id(), "archive/C1.json", "sha", null)));
		assertThat(this.ledger.markHandedOver(plan.id())).isTrue();
		// when
		int settled = this.ledger.settleInDoubt(RUN);
		// then
		assertThat(settled).isEqualTo(1);
		assertThat(this.ledger.markHandedOver(plan.id())).as("never handed over again").isFalse();
		assertThat(this.communications.find(plan.id()).orElseThrow().reasonCode()).isEqualTo("in-doubt");
		assertThat(this.counts.count(RUN, NOW)).singleElement()
			.satisfies(count -> assertThat(count.state()).isEqualTo(CommunicationState.SENT));
		assertThat(this.counts.pending(RUN, NOW).total()).isZero();
	}

	@Test
	void shouldDeliverAndSettleOnlyTheCustomersOfAPartition() throws Exception {
		// given two customers' SMS, rendered, both handed over by a stopped run
		CommunicationPlan first = offer(RUN, "C1", Channel.SMS);
		CommunicationPlan second = offer(RUN, "C2", Channel.SMS);
		CommunicationPlan print = offer(RUN, "C3", Channel.PRINT);
		this.ledger.plan(List.of(first, second, print));
		this.ledger.markRendered(Stream.of(first, second, print)
			.map(plan -> new OutboxLedger.Rendering(plan.id(), "archive/" + plan.customerId(), "sha", 1))
			.toList());
		this.ledger.markHandedOver(first.id());
		this.ledger.markHandedOver(second.id());
		CustomerRange partition = new CustomerRange("C2", "C3");
		// when the partition of C2 and C3 opens
		int settled = this.ledger.settleInDoubt(RUN, partition);
		// then only its own customer's hand-over is settled
		assertThat(settled).isEqualTo(1);
		assertThat(this.communications.find(first.id()).orElseThrow().state()).isEqualTo(CommunicationState.RENDERED);
		assertThat(this.communications.find(second.id()).orElseThrow().reasonCode()).isEqualTo("in-doubt");
		assertThat(this.communications.findNotYetSent(RUN, Channel.SMS, new CustomerRange("C1", "C2")))
			.containsExactly(first.id());
		assertThat(this.readers.customerRanges(RUN, CommunicationState.RENDERED, EnumSet.of(Channel.SMS),
				StageWork.DELIVER, 4))
			.containsExactly(new PartitionRange(new CustomerRange("C1", "C1"), 1, 10));
		this.ledger.clearHandOver(first.id());
		assertThat(read(this.readers.dueReader("renderedCommunicationItemReader", RUN, CommunicationState.RENDERED,
				EnumSet.of(Channel.SMS), NOW, new CustomerRange("C1", "C1"))))
			.containsExactly(first.id());
	}

	@Test
	void shouldReadWhatIsDueOnceAPageAtATimeInIdOrder() throws Exception {
		// given more due communications than a page holds, some by post, one deferred
		List<CommunicationPlan> plans = new ArrayList<>();
		for (int i = 0; i < CommunicationReaders.DUE_PAGE * 2 + 50; i++) {
			plans.add(offer(RUN, String.format(Locale.ROOT, "C%04d", i), (i % 3 == 0) ? Channel.PRINT : Channel.EMAIL));
		}
		this.ledger.plan(plans);
		this.ledger.markRendered(
				plans.stream().map(plan -> new OutboxLedger.Rendering(plan.id(), "archive/x", "sha", 1)).toList());
		CommunicationId deferred = plans.get(1).id();
		this.ledger.schedule(deferred, NOW.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1), NOW.plusSeconds(86_400),
				"weekday", "test");
		ItemStreamReader<Communication> reader = this.readers.dueReader("renderedCommunicationItemReader", RUN,
				CommunicationState.RENDERED, EnumSet.of(Channel.EMAIL), NOW);
		// when every other item read is delivered before the next is read, the others
		// left due (as a transport's failure leaves them for the resumed run)
		List<CommunicationId> read = new ArrayList<>();
		reader.open(new ExecutionContext());
		try {
			Communication item = reader.read();
			while (item != null && read.size() <= plans.size()) {
				if (read.size() % 2 == 0) {
					this.ledger.markDelivered(item.id(), new DeliveryResult(CommunicationState.SENT, "ref"));
				}
				read.add(item.id());
				item = reader.read();
			}
		}
		finally {
			reader.close();
		}
		// then every due email once, in id order, across the pages
		List<CommunicationId> due = plans.stream()
			.filter(plan -> plan.channel() == Channel.EMAIL && !plan.id().equals(deferred))
			.map(CommunicationPlan::id)
			.sorted(Comparator.comparing(CommunicationId::value))
			.toList();
		assertThat(due).hasSizeGreaterThan(CommunicationReaders.DUE_PAGE);
		assertThat(read).containsExactlyElementsOf(due);
	}

	@Test
	void shouldCountNoDryRunAsContactHistory() {
		// given
		RunRef dryRun = new RunRef("quarterly", "2026-06-30-dry-1");
		RunRef earlier = new RunRef("quarterly", "2026-06-30");
		this.ledger.plan(List.of(offer(dryRun, "C1", Channel.EMAIL), offer(earlier, "C1", Channel.SMS),
				offer(earlier, "C2", Channel.PRINT), offer(RUN, "C3", Channel.EMAIL)));
		// when
		Map<String, List<Contact>> contacts = this.history.marketingContacts(List.of("C1", "C2", "C3", "C4"), RUN,
				LocalDate.of(2026, 1, 1));
		// then
		assertThat(contacts).containsOnlyKeys("C1", "C2");
		assertThat(contacts.get("C1")).extracting(Contact::channel).containsExactly(Channel.SMS);
		assertThat(contacts.get("C2")).extracting(Contact::channel).containsExactly(Channel.PRINT);
		assertThat(this.history.offeredCounts(earlier)).containsEntry("SAVINGS", 2L);
	}

	private static CommunicationPlan offer(RunRef run, String customerId, Channel channel) {
		return CommunicationPlan.planned(run, customerId, channel, DocumentKind.CROSS_SELL, "SAVINGS",
				"cross-sell/savings.ftlh", "test");
	}

	private static List<CommunicationId> read(ItemStreamReader<Communication> reader) throws Exception {
		List<CommunicationId> ids = new ArrayList<>();
		reader.open(new ExecutionContext());
		try {
			for (Communication item = reader.read(); item != null; item = reader.read()) {
				ids.add(item.id());
			}
		}
		finally {
			reader.close();
		}
		return ids;
	}

}
