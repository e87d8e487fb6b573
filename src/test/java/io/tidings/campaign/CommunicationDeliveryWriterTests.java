package io.tidings.campaign;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tidings.TestCampaigns;
import io.tidings.archive.DocumentArchive;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Channel;
import io.tidings.outbox.ChannelSender;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationPlan;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DeliveryResult;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.OutboxLedger;
import io.tidings.policy.ConsentRegistry;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deliver stage's ledger transactions against the H2 database of the small campaign's
 * customers, with a transport that is not idempotent (as SMTP and Twilio): each
 * communication handed over costs one commit (its hand-over, with the answer of the one
 * its delivery thread handed over before), plus one per thread for its last answer, and
 * at any moment at most one communication per delivery thread is handed over without its
 * answer recorded.
 */
@SpringBootTest
class CommunicationDeliveryWriterTests {

	private static final List<String> AUDIENCE = List.of("T001", "T002", "T003", "T004", "T005", "T006", "T007", "T008",
			"T009", "T013");

	@TempDir
	static Path folder;

	private Path job;

	@Autowired
	CampaignRunner runner;

	@Autowired
	CustomerRepository customers;

	@Autowired
	ConsentRegistry consents;

	@Autowired
	OutboxLedger ledger;

	@Autowired
	Communications communications;

	@Autowired
	DocumentArchive archive;

	@Autowired
	Clock clock;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	DataSource dataSource;

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@BeforeEach
	void importTheCustomersOnce() {
		this.job = TestCampaigns.smallCampaign(folder.resolve("campaign"));
		if (this.customers.findAllById(AUDIENCE).isEmpty()) {
			assertThat(this.runner.run(this.job, LocalDate.of(2026, 9, 30), true).completed()).isTrue();
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 4 })
	void shouldCommitOnceForEachHandOverPlusOncePerThreadAndLeaveAtMostOneInDoubtPerThread(int threads) {
		// given a chunk of rendered emails, with a transport that checks the ledger as it
		// takes each of them
		CampaignRunContext context = context("commits-" + threads);
		List<Communication> chunk = rendered(context);
		Transport transport = new Transport(context);
		CountingTransactions counting = new CountingTransactions(this.transactions);
		CommunicationDeliveryWriter writer = new CommunicationDeliveryWriter(List.of(transport), this.ledger,
				this.archive, context.run(), null,
				new CampaignRunSettings(100, 100, 0, Duration.ofMillis(1), 100_000, 0, 0, threads),
				new DeliveryGate(context, this.customers, this.consents, this.ledger, this.clock), this.clock,
				counting);
		writer.open(new ExecutionContext());
		int opening = counting.commits.get();
		// when
		writer.write(new Chunk<>(chunk));
		writer.close();
		// then
		List<Communication> recorded = chunk.stream()
			.map(communication -> this.communications.find(communication.id()).orElseThrow())
			.toList();
		List<Communication> sent = recorded.stream()
			.filter(communication -> communication.state() == CommunicationState.SENT)
			.toList();
		assertThat(sent).as("the emails the gate lets through").hasSizeGreaterThan(2 * threads);
		assertThat(recorded).as("the others are suppressed")
			.allSatisfy(communication -> assertThat(communication.state()).isIn(CommunicationState.SENT,
					CommunicationState.SUPPRESSED));
		assertThat(transport.taken).hasSameSizeAs(sent);
		// the chunk's gate read, then a hand-over each and a last answer per thread
		assertThat(counting.commits.get() - opening).isLessThanOrEqualTo(1 + sent.size() + threads);
		assertThat(transport.mostInDoubt.get()).as("handed over without an answer while a transport takes one")
			.isBetween(1, threads);
	}

	private CampaignRunContext context(String runKey) {
		return CampaignRunContext
			.from(Map.of(CampaignRunContext.JOB_FILE, this.job.toString(), CampaignRunContext.RUN_KEY, runKey,
					CampaignRunContext.AS_OF, "2026-09-30", CampaignRunContext.DRY_RUN, "false"));
	}

	/**
	 * Cross-selling emails to the audience and a statement by email to each, rendered.
	 */
	private List<Communication> rendered(CampaignRunContext context) {
		List<CommunicationPlan> plans = AUDIENCE.stream()
			.flatMap(
					customer -> List
						.of(CommunicationPlan.planned(context.run(), customer, Channel.EMAIL, DocumentKind.CROSS_SELL,
								"SAVINGS", "email/cross-sell.html.ftlh", "test"),
								CommunicationPlan.planned(context.run(), customer, Channel.EMAIL,
										DocumentKind.STATEMENT, null, "email/statement.html.ftlh", "test"))
						.stream())
			.toList();
		this.ledger.plan(plans);
		this.ledger.markRendered(plans.stream()
			.map(plan -> new OutboxLedger.Rendering(plan.id(), "email/" + plan.id().value() + ".eml", "0", null))
			.toList());
		return plans.stream().map(plan -> this.communications.find(plan.id()).orElseThrow()).toList();
	}

	/**
	 * A transport that would send a repeated hand-over twice, and that counts, as it
	 * takes each email, the run's communications handed over without their answer.
	 */
	private final class Transport implements ChannelSender {

		private final CampaignRunContext context;

		private final Queue<String> taken = new ConcurrentLinkedQueue<>();

		private final AtomicInteger mostInDoubt = new AtomicInteger();

		Transport(CampaignRunContext context) {
			this.context = context;
		}

		@Override
		public Channel channel() {
			return Channel.EMAIL;
		}

		@Override
		public boolean idempotent() {
			return false;
		}

		@Override
		public DeliveryResult send(Communication communication, Path document) {
			Integer inDoubt = new JdbcTemplate(CommunicationDeliveryWriterTests.this.dataSource).queryForObject(
					"SELECT COUNT(*) FROM communication WHERE campaign = ? AND run_key = ? AND state = 'RENDERED' "
							+ "AND handed_over_at IS NOT NULL",
					Integer.class, this.context.run().campaign(), this.context.run().runKey());
			this.mostInDoubt.accumulateAndGet((inDoubt != null) ? inDoubt : 0, Math::max);
			this.taken.add(communication.id().value());
			return new DeliveryResult(CommunicationState.SENT, "test-" + communication.id().value());
		}

	}

	/** Counts the transactions committed through it. */
	private static final class CountingTransactions implements PlatformTransactionManager {

		private final PlatformTransactionManager transactions;

		private final AtomicInteger commits = new AtomicInteger();

		CountingTransactions(PlatformTransactionManager transactions) {
			this.transactions = transactions;
		}

		@Override
		public TransactionStatus getTransaction(@Nullable TransactionDefinition definition) {
			return this.transactions.getTransaction(definition);
		}

		@Override
		public void commit(TransactionStatus status) {
			this.commits.incrementAndGet();
			this.transactions.commit(status);
		}

		@Override
		public void rollback(TransactionStatus status) {
			this.transactions.rollback(status);
		}

	}

}
