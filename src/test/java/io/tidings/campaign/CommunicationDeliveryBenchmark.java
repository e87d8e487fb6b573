package io.tidings.campaign;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.sun.management.OperatingSystemMXBean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
 * The deliver stage's own cost, without a network: the small campaign over synthetic
 * customers, each with a cross-selling email and a statement by email planned and
 * rendered in the ledger (H2 on file, as a run has it), delivered by the stage's writer
 * in chunks of 100 on 4 delivery threads to a transport that would send a repeated
 * hand-over twice (as SMTP and Twilio) and answers at once. Prints the communications
 * handed over, the ledger commits and the process's processor time of the deliveries.
 * <p>
 * Run with {@code ./mvnw -B -o -Pbench test -Dtest=CommunicationDeliveryBenchmark};
 * {@code -Dtidings.bench.customers=N} (default 1,000) and
 * {@code -Dtidings.bench.rounds=N} (runs of them all, default 3).
 */
@Tag("benchmark")
@SpringBootTest
class CommunicationDeliveryBenchmark {

	private static final int CUSTOMERS = Integer.getInteger("tidings.bench.customers", 1_000);

	private static final int ROUNDS = Integer.getInteger("tidings.bench.rounds", 3);

	private static final int THREADS = 4;

	private static final int CHUNK = 100;

	@TempDir
	static Path folder;

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

	@Test
	void deliverEmailsToATransportThatAnswersAtOnce() throws Exception {
		Path job = TestCampaigns.smallCampaign(folder.resolve("campaign"));
		SyntheticCustomers.write(CUSTOMERS, job.getParent());
		assertThat(this.runner.run(job, LocalDate.of(2026, 9, 30), true).completed()).isTrue();
		List<String> ids = new JdbcTemplate(this.dataSource)
			.queryForList("SELECT customer_id FROM customer ORDER BY customer_id", String.class);
		OperatingSystemMXBean system = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		System.out.printf(Locale.ROOT,
				"%n| round | communications | handed over | ledger commits | commits a hand-over "
						+ "| process CPU | CPU ms a hand-over | wall |%n|---|---|---|---|---|---|---|---|%n");
		for (int round = 1; round <= ROUNDS; round++) {
			CampaignRunContext context = CampaignRunContext
				.from(Map.of(CampaignRunContext.JOB_FILE, job.toString(), CampaignRunContext.RUN_KEY, "bench-" + round,
						CampaignRunContext.AS_OF, "2026-09-30", CampaignRunContext.DRY_RUN, "false"));
			List<Communication> rendered = rendered(context, ids);
			AtomicInteger handedOver = new AtomicInteger();
			CountingTransactions counting = new CountingTransactions(this.transactions);
			CommunicationDeliveryWriter writer = new CommunicationDeliveryWriter(List.of(new Transport(handedOver)),
					this.ledger, this.archive, context.run(), null,
					new CampaignRunSettings(100, CHUNK, 0, Duration.ofMillis(1), 100_000, 0, 0, THREADS),
					new DeliveryGate(context, this.customers, this.consents, this.ledger, this.clock), this.clock,
					counting);
			writer.open(new ExecutionContext());
			long cpu = system.getProcessCpuTime();
			long wall = System.nanoTime();
			for (int from = 0; from < rendered.size(); from += CHUNK) {
				writer.write(new Chunk<>(rendered.subList(from, Math.min(from + CHUNK, rendered.size()))));
			}
			double cpuSeconds = (system.getProcessCpuTime() - cpu) / 1e9;
			double wallSeconds = (System.nanoTime() - wall) / 1e9;
			writer.close();
			System.out.printf(Locale.ROOT, "| %d | %,d | %,d | %,d | %.2f | %.2f s | %.3f | %.2f s |%n", round,
					rendered.size(), handedOver.get(), counting.commits.get(),
					counting.commits.get() / (double) handedOver.get(), cpuSeconds,
					cpuSeconds * 1000 / handedOver.get(), wallSeconds);
		}
	}

	/** A cross-selling email and a statement by email to each customer, rendered. */
	private List<Communication> rendered(CampaignRunContext context, List<String> ids) {
		List<CommunicationPlan> plans = new ArrayList<>();
		for (String customer : ids) {
			plans.add(CommunicationPlan.planned(context.run(), customer, Channel.EMAIL, DocumentKind.CROSS_SELL,
					"SAVINGS", "email/cross-sell.html.ftlh", "bench"));
			plans.add(CommunicationPlan.planned(context.run(), customer, Channel.EMAIL, DocumentKind.STATEMENT, null,
					"email/statement.html.ftlh", "bench"));
		}
		this.ledger.plan(plans);
		this.ledger.markRendered(plans.stream()
			.map(plan -> new OutboxLedger.Rendering(plan.id(), "email/" + plan.id().value() + ".eml", "0", null))
			.toList());
		return plans.stream().map(plan -> this.communications.find(plan.id()).orElseThrow()).toList();
	}

	/** Takes each email at once; would send one handed over twice twice. */
	private record Transport(AtomicInteger handedOver) implements ChannelSender {

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
			this.handedOver.incrementAndGet();
			return new DeliveryResult(CommunicationState.SENT, "bench-" + communication.id().value());
		}

	}

	/** Counts the transactions committed through it. */
	private record CountingTransactions(PlatformTransactionManager transactions,
			AtomicInteger commits) implements PlatformTransactionManager {

		CountingTransactions(PlatformTransactionManager transactions) {
			this(transactions, new AtomicInteger());
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
