package io.tidings.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.tidings.InvalidInputException;
import io.tidings.TestCampaigns;
import io.tidings.archive.DocumentArchive;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DecisionDetails;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.DocumentModel;
import io.tidings.outbox.RunRef;
import io.tidings.outbox.RunTally;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

// two render threads, whatever the machine: the render stage in four partitions side by
// side
@SpringBootTest(properties = "tidings.run.render-threads=2")
class CampaignRunJobFunctionalTests {

	@TempDir
	static Path folder;

	@Autowired
	CampaignRunner runner;

	@Autowired
	Communications communications;

	@Autowired
	CommunicationReaders readers;

	@Autowired
	CustomerRepository customers;

	@Autowired
	DocumentArchive archive;

	@Autowired
	StatementNumbers statementNumbers;

	@Autowired
	StatementModels statementModels;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
		registry.add("tidings.print.sender-country", () -> "PT");
	}

	@Test
	void shouldSendEveryCustomerTheirDocumentsOnTheChosenChannelOrRecordWhyNot() throws Exception {
		// given
		Path job = TestCampaigns.smallCampaign(folder.resolve("full"));
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 9, 30), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		assertThat(report.audience()).isEqualTo(10);
		assertThat(report.warnings()).containsExactly("offer TRAVEL_INS went to no customer of this run: "
				+ "check its eligibility rule, validity dates and volume cap");
		assertThat(counts(report.tallies())).containsExactlyInAnyOrderEntriesOf(Map
			.of("PRINT STATEMENT PRINTED", 8L, "PRINT STATEMENT FAILED", 1L, "PRINT STATEMENT SUPPRESSED", 1L,
					"EMAIL CROSS_SELL SENT", 4L, "SMS CROSS_SELL SENT", 2L, "PRINT CROSS_SELL PRINTED", 2L,
					"PRINT CROSS_SELL FAILED", 0L, "PRINT CROSS_SELL SUPPRESSED", 2L)
			.entrySet()
			.stream()
			.filter(entry -> entry.getValue() > 0)
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
		assertThat(channelOf("T001", DocumentKind.CROSS_SELL)).isEqualTo(Channel.EMAIL);
		assertThat(channelOf("T002", DocumentKind.CROSS_SELL)).isEqualTo(Channel.SMS);
		assertThat(channelOf("T003", DocumentKind.CROSS_SELL)).isEqualTo(Channel.PRINT);
		assertThat(only("T007", DocumentKind.STATEMENT).stateReason()).contains("(U+12000)");
		assertThat(only("T008", DocumentKind.STATEMENT).stateReason())
			.isEqualTo("unreachable: print: no complete postal address");
		assertThat(only("T007", DocumentKind.CROSS_SELL).stateReason()).startsWith("no eligible offer");
		assertThat(this.communications.findByCustomer("T910")).as("merged duplicate gets nothing of its own").isEmpty();
		assertThat(this.communications.findByCustomer("T009")).hasSize(2);

		Path out = report.outputFolder();
		assertThat(files(out.resolve("print"), ".pdf")).extracting(path -> path.getFileName().toString())
			.containsExactly("stream-0001.pdf", "stream-0002.pdf");
		List<String> manifest = Files.readAllLines(out.resolve("print/manifest.csv"));
		assertThat(manifest).hasSize(11).first().isEqualTo(io.tidings.print.PrintManifest.HEADER);
		assertThat(out.resolve("print/job-ticket.json")).exists();
		assertThat(out.resolve("print/SHA256SUMS")).exists();
		assertThat(out.resolve("print/DONE")).exists();
		assertThat(files(out.resolve("email"), ".eml")).hasSize(4);
		assertThat(Files.readAllLines(out.resolve("sms/outbox.jsonl"))).hasSize(2);
		assertThat(Stream.of(out.resolve("print"), out.resolve("email"), out.resolve("sms"))
			.flatMap(TestFiles::list)
			.filter(path -> path.toString().endsWith(".part"))).isEmpty();
		assertRunJsonAgreesWithTheLedger(report);
	}

	/**
	 * {@code run.json}: the run, its outcome, communications per channel and state as the
	 * ledger counts them, the stages with their times, the output files; owner-only.
	 */
	private void assertRunJsonAgreesWithTheLedger(RunReport report) throws IOException {
		Path file = report.outputFolder().resolve("run.json");
		JsonNode summary = JsonMapper.builder().build().readTree(file.toFile());
		assertThat(summary.get("campaign").asString()).isEqualTo(report.run().campaign());
		assertThat(summary.get("runKey").asString()).isEqualTo("2026-09-30");
		assertThat(summary.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(summary.get("exitCode").asInt()).isZero();
		Map<String, Long> ledger = new java.util.TreeMap<>();
		this.jdbc
			.sql("SELECT channel, state, COUNT(*) AS total FROM communication WHERE campaign = ? AND run_key = ? "
					+ "GROUP BY channel, state")
			.params(report.run().campaign(), report.run().runKey())
			.query((row, number) -> ledger.put(
					row.getString("channel").toLowerCase(Locale.ROOT) + " " + row.getString("state"),
					row.getLong("total")))
			.list();
		Map<String, Long> written = new java.util.TreeMap<>();
		summary.get("byChannel")
			.properties()
			.forEach(channel -> channel.getValue()
				.properties()
				.forEach(state -> written.put(channel.getKey() + " " + state.getKey(), state.getValue().asLong())));
		assertThat(written).isEqualTo(ledger).containsEntry("print FAILED", 1L);
		assertThat(summary.get("failed").asLong()).isEqualTo(1);
		assertThat(summary.get("inDoubt").asLong()).isZero();
		assertThat(summary.get("communications").asLong())
			.isEqualTo(ledger.values().stream().mapToLong(Long::longValue).sum());
		assertThat(summary.get("stages").valueStream().map(stage -> stage.get("name").asString()))
			.contains("selectAudienceStep", "renderDocumentsStep", "deliverCommunicationsStep", "printStreamsStep");
		assertThat(summary.get("stages")
			.valueStream()
			.filter(stage -> stage.get("name").asString().equals("renderDocumentsStep"))).singleElement()
			.satisfies(stage -> assertThat(stage.get("written").asLong()).isPositive())
			.satisfies(stage -> assertThat(stage.get("writtenPerSecond").asDouble()).isPositive())
			.satisfies(stage -> assertThat(stage.get("written").asLong()).as("the partitions' documents together")
				.isEqualTo(summary.get("stages")
					.valueStream()
					.filter(part -> part.get("name").asString().startsWith("renderDocumentsPartitionStep:"))
					.mapToLong(part -> part.get("written").asLong())
					.sum()));
		assertThat(summary.get("stages")
			.valueStream()
			.map(stage -> stage.get("name").asString())
			.filter(name -> name.startsWith("renderDocumentsPartitionStep:")))
			.as("two partitions for each render thread")
			.hasSize(4);
		assertThat(summary.get("outputs").get("files").valueStream().map(output -> output.get("path").asString()))
			.contains("print/stream-0001.pdf", "print/manifest.csv", "print/DONE", "sms/outbox.jsonl");
		assertThat(summary.get("outputs").get("emailMessages").get("files").asLong()).isEqualTo(4);
		if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
			assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
				.isEqualTo("rw-------");
		}
	}

	@Test
	void shouldPrintEveryNameExactlyAsImported() throws Exception {
		RunReport report = this.runner.run(TestCampaigns.smallCampaign(folder.resolve("names")),
				LocalDate.of(2026, 8, 31), false);
		for (Communication statement : communications(report.run(), DocumentKind.STATEMENT,
				CommunicationState.PRINTED)) {
			Customer customer = this.customers.findById(statement.customerId()).orElseThrow();
			try (PDDocument pdf = Loader.loadPDF(this.archive.read(statement.archivePath()).orElseThrow())) {
				String text = new PDFTextStripper().getText(pdf);
				assertThat(text).as(statement.customerId())
					.contains(customer.fullName())
					.containsIgnoringCase(customer.address().city());
			}
		}
		assertThat(text(only(report.run(), "T006", DocumentKind.STATEMENT))).contains("Ann O'Brien <b>&amp;</b>",
				"12 \"Rose\" Lane");
		assertThat(text(only(report.run(), "T001", DocumentKind.STATEMENT)))
			.as("the post town, then the postcode on a line of its own, in capitals")
			.contains("Ms Zoë Brontë-Smith\n1 High Street\nc/o Smith & Sons\nLONDON\nSW1A 1AA\nUNITED KINGDOM\n");
		assertThat(text(only(report.run(), "T002", DocumentKind.STATEMENT)))
			.as("a letter posted in Portugal to Portugal names no country; the title is in Portuguese")
			.contains("Sr. João Magalhães\nAvenida da Liberdade 201\n1250-143 Lisboa\n")
			.doesNotContain("PORTUGAL");
	}

	@Test
	void shouldComposeEmailsWithTheCommunicationIdAsMessageIdAndEncodedNames() throws Exception {
		RunReport report = this.runner.run(TestCampaigns.smallCampaign(folder.resolve("email")),
				LocalDate.of(2026, 7, 31), false);
		Communication email = only(report.run(), "T004", DocumentKind.CROSS_SELL);
		Path eml = report.outputFolder().resolve("email").resolve(email.id() + ".eml");
		String raw = Files.readString(eml, StandardCharsets.US_ASCII);
		assertThat(raw).contains("Message-ID: <" + email.id() + "@tidings.invalid>")
			.contains("To: =?UTF-8?")
			.doesNotContain("王小明");
		try (InputStream in = Files.newInputStream(eml)) {
			MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
			InternetAddress to = (InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0];
			assertThat(to.getPersonal()).isEqualTo("王小明");
			assertThat(to.getAddress()).isEqualTo("wang.xiaoming@example.com");
			assertThat(message.getSubject()).isEqualTo("让您的储蓄赚得更多");
			MimeMultipart parts = (MimeMultipart) message.getContent();
			assertThat(parts.getContentType()).startsWith("multipart/alternative");
			assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
			assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
		}
		assertThat(Files.readAllBytes(eml)).isEqualTo(Files.readAllBytes(this.archive.resolve(email.archivePath())));
	}

	@Test
	void shouldDoNothingWhenACompletedRunIsRunAgain() throws IOException {
		Path job = TestCampaigns.smallCampaign(folder.resolve("again"));
		RunReport first = this.runner.run(job, LocalDate.of(2026, 6, 30), false);
		List<Path> printed = files(first.outputFolder().resolve("print"), ".pdf");
		// when
		RunReport second = this.runner.run(job, LocalDate.of(2026, 6, 30), false);
		// then
		assertThat(second.alreadyComplete()).isTrue();
		assertThat(files(second.outputFolder().resolve("print"), ".pdf")).isEqualTo(printed);
		assertThat(second.tallies()).isEqualTo(first.tallies());
	}

	@Test
	void shouldPlanWithoutRenderingOrSendingInADryRun() throws IOException {
		// given a campaign where T001 takes paperless statements (a proof of the email
		// with
		// the statement attached)
		Path job = TestCampaigns.smallCampaign(folder.resolve("dry"));
		Path customers = job.resolveSibling("customers.csv");
		Files.write(customers,
				Files.readAllLines(customers)
					.stream()
					.map(line -> line.startsWith("T001,") ? line.replaceFirst(",false,(\\d+)$", ",true,$1") : line)
					.toList());
		Files.writeString(job,
				Files.readString(job)
					.replace("  sms: sms/cross-sell.ftl\n",
							"  sms: sms/cross-sell.ftl\n  email-statement: email/statement.html.ftlh\n"));
		RunReport report = this.runner.run(job, LocalDate.of(2026, 5, 31), true);
		assertThat(report.completed()).isTrue();
		assertThat(report.run().runKey()).startsWith("2026-05-31-dry-");
		assertThat(report.tallies()).extracting(RunTally::state)
			.containsOnly(CommunicationState.PLANNED, CommunicationState.SUPPRESSED);
		// every planned document counted once by its language: all languages have bundles
		assertThat(report.languages()).extracting(RunReport.LanguageCount::source).containsOnly("customer's");
		assertThat(report.languages().stream().mapToLong(RunReport.LanguageCount::count).sum())
			.isEqualTo(report.tallies()
				.stream()
				.filter(tally -> tally.state() == CommunicationState.PLANNED)
				.mapToLong(RunTally::count)
				.sum());
		// a proof of each channel, kind and offer planned, the run's summary, and nothing
		// else
		assertThat(TestFiles.list(report.outputFolder()).toList()).extracting(path -> path.getFileName().toString())
			.containsExactlyInAnyOrder("proofs", "run.json");
		List<Path> proofs = TestFiles.list(report.outputFolder().resolve("proofs")).toList();
		Set<String> kinds = Stream.of(DocumentKind.values())
			.flatMap(kind -> communications(report.run(), kind, CommunicationState.PLANNED).stream())
			.map(c -> c.channel() + " " + c.kind() + " " + c.offerCode())
			.collect(Collectors.toSet());
		// the sample of a kind may be T007's statement, whose name has a character no
		// font has
		List<String> unrenderable = report.warnings()
			.stream()
			.filter(warning -> warning.startsWith("proof of"))
			.toList();
		assertThat(unrenderable).allSatisfy(warning -> assertThat(warning).contains("(U+12000)"));
		assertThat(proofs).hasSize(kinds.size() - unrenderable.size());
		for (Path proof : proofs) {
			Communication sample = this.communications
				.find(new CommunicationId(proof.getFileName().toString().replaceFirst("\\.[a-z]+$", "")))
				.orElseThrow();
			assertThat(sample.state()).as("a proof records nothing").isEqualTo(CommunicationState.PLANNED);
			assertThat(sample.archivePath()).isNull();
			if (sample.channel() == Channel.PRINT) {
				Customer customer = this.customers.findById(sample.customerId()).orElseThrow();
				try (PDDocument pdf = Loader.loadPDF(proof.toFile())) {
					assertThat(new PDFTextStripper().getText(pdf)).contains(customer.fullName());
				}
			}
		}
	}

	@Test
	void shouldPrintALongStatementOverNumberedPagesWithHeadersWholeRowsAndARunningBalance() throws IOException {
		// given T001 (balance 5,000.00 GBP) with 200 transactions in the last quarter of
		// 2026, and 100.00 booked after it
		Path job = TestCampaigns.smallCampaign(folder.resolve("long"));
		StringBuilder booked = new StringBuilder();
		List<BigDecimal> amounts = new ArrayList<>();
		for (int row = 1; row <= 200; row++) {
			BigDecimal amount = (row % 5 == 0) ? new BigDecimal("250.00")
					: new BigDecimal("-10.00").subtract(new BigDecimal("0.37").multiply(BigDecimal.valueOf(row)));
			amounts.add(amount);
			booked.append(String.format(Locale.ROOT, "L%04d,T001,%s,Booking %03d,%s,GBP%n", row,
					LocalDate.of(2026, 10, 1).plusDays(row * 91L / 200), row, amount.toPlainString()));
		}
		booked.append("L0201,T001,2027-01-15,Booking after the period,100.00,GBP\n");
		Files.writeString(job.resolveSibling("transactions.csv"), booked, StandardOpenOption.APPEND);
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 12, 31), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		Communication statement = only(report.run(), "T001", DocumentKind.STATEMENT);
		DecimalFormat money = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.UK));
		BigDecimal closing = new BigDecimal("4900.00");
		BigDecimal balance = closing.subtract(amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
		int number = this.statementNumbers.assign(report.run(), "T001");
		try (PDDocument pdf = Loader.loadPDF(this.archive.read(statement.archivePath()).orElseThrow())) {
			int pages = pdf.getNumberOfPages();
			assertThat(pages).isGreaterThanOrEqualTo(4);
			List<String> text = new ArrayList<>();
			PDFTextStripper stripper = new PDFTextStripper();
			for (int page = 1; page <= pages; page++) {
				stripper.setStartPage(page);
				stripper.setEndPage(page);
				text.add(stripper.getText(pdf));
				assertThat(text.get(page - 1)).as("page %d", page)
					.contains("Date Description Amount Balance", page + " / " + pages);
			}
			assertThat(text.get(0)).contains("Statement number " + number, "Statement date 31 December 2026",
					"IBAN GB•• •••• •••• •••• ••43 83", "Opening balance " + money.format(balance),
					"Closing balance 4,900.00");
			for (int row = 1; row <= 200; row++) {
				balance = balance.add(amounts.get(row - 1));
				String description = String.format(Locale.ROOT, "Booking %03d ", row);
				List<String> lines = text.stream()
					.flatMap(String::lines)
					.filter(line -> line.contains(description))
					.toList();
				assertThat(lines).as("row %d, on one line of one page", row)
					.singleElement(as(InstanceOfAssertFactories.STRING))
					.endsWith(money.format(amounts.get(row - 1)) + " " + money.format(balance));
			}
			assertThat(balance).as("the last line's balance is the closing balance").isEqualByComparingTo(closing);
			assertThat(String.join("", text)).doesNotContain("Booking after the period");
		}
	}

	@Test
	void shouldNumberACustomersStatementsOneMorePerRunAndKeepTheNumberOfARun() {
		// given
		RunRef first = new RunRef("numbering", "2026-03-31");
		RunRef second = new RunRef("numbering", "2026-06-30");
		// when
		int one = this.statementNumbers.assign(first, "N001");
		int peeked = this.statementNumbers.peek(second, "N001");
		int two = this.statementNumbers.assign(second, "N001");
		// then
		assertThat(one).isEqualTo(1);
		assertThat(peeked).as("a proof shows the next number").isEqualTo(2);
		assertThat(two).isEqualTo(2);
		assertThat(this.statementNumbers.assign(first, "N001")).as("a rerun of the first run").isEqualTo(1);
		assertThat(this.statementNumbers.peek(new RunRef("numbering", "2026-09-30"), "N001")).isEqualTo(3);
		assertThat(this.statementNumbers.assign(first, "N002")).as("numbers are per customer").isEqualTo(1);
	}

	@Test
	void shouldGiveAStatementsNumberBackWithTheChunkThatRolledBack() {
		// given
		RunRef run = new RunRef("numbering", "2026-12-31");
		Communication statement = new Communication(
				CommunicationId.of(run.campaign(), run.runKey(), "N003", Channel.PRINT, DocumentKind.STATEMENT), run,
				"N003", Channel.PRINT, DocumentKind.STATEMENT, null, "statement/statement.ftlh", "test",
				CommunicationState.PLANNED, null, null, null, null, null, Instant.EPOCH, null, null, null, null, null,
				null, null, null, new DecisionDetails(null, null, null, null));
		DocumentModel model = new DocumentModel(folder, "statement/statement.ftlh", Locale.UK,
				Map.of(StatementModels.STATEMENT, Map.of("date", "31 December 2026")), Map.of());
		// when the chunk that numbered it rolls back
		DocumentModel numbered = new TransactionTemplate(this.transactionManager).execute(status -> {
			status.setRollbackOnly();
			return this.statementModels.numbered(statement, model);
		});
		// then
		assertThat(numbered.values().get(StatementModels.STATEMENT)).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("number", "1")
			.containsEntry("date", "31 December 2026");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM statement_number WHERE customer_id = 'N003'")
			.query(Integer.class)
			.single()).as("the number is given back").isZero();
		assertThat(this.statementModels.numbered(statement, model).values().get(StatementModels.STATEMENT))
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.as("and taken again by the chunk that renders it next")
			.containsEntry("number", "1");
	}

	@Test
	void shouldGiveTwoRunsThatNumberTheSameCustomerAtTheSameMomentANumberEach() throws Exception {
		// given a chunk of one campaign's run that has numbered a customer's statement
		// and
		// not committed yet
		RunRef first = new RunRef("numbering-first", "2026-12-31");
		RunRef second = new RunRef("numbering-second", "2026-12-31");
		TransactionTemplate chunk = new TransactionTemplate(this.transactionManager);
		CountDownLatch numbered = new CountDownLatch(1);
		CountDownLatch committing = new CountDownLatch(1);
		ExecutorService otherRun = Executors.newSingleThreadExecutor();
		ExecutorService thisRun = Executors.newSingleThreadExecutor();
		try {
			Future<Integer> firstNumber = otherRun.submit(() -> chunk.execute((status) -> {
				int number = this.statementNumbers.assign(first, "N004");
				numbered.countDown();
				awaitQuietly(committing);
				return number;
			}));
			assertThat(numbered.await(10, TimeUnit.SECONDS)).isTrue();
			// when another campaign's chunk numbers the same customer meanwhile
			Future<Integer> secondNumber = thisRun
				.submit(() -> chunk.execute((status) -> this.statementNumbers.assign(second, "N004")));
			Thread.sleep(500);
			committing.countDown();
			// then it waits for the first chunk and takes the next number
			assertThat(firstNumber.get(20, TimeUnit.SECONDS)).isEqualTo(1);
			assertThat(secondNumber.get(20, TimeUnit.SECONDS)).isEqualTo(2);
		}
		finally {
			committing.countDown();
			otherRun.shutdownNow();
			thisRun.shutdownNow();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void shouldFailOnlyTheDocumentsOfABrokenTemplate() throws IOException {
		// given an SMS template that uses a variable the model does not have
		Path job = TestCampaigns.smallCampaign(folder.resolve("broken"));
		Path templates = folder.resolve("broken/templates");
		TestFiles.copyTree(TestCampaigns.PROJECT.resolve("templates"), templates);
		Files.writeString(templates.resolve("sms/cross-sell.ftl"), "Hello\n${customer.nickname}\n");
		Files.writeString(job,
				Files.readString(job).replace(TestCampaigns.PROJECT + "/templates", templates.toString()));
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 4, 30), false);
		// then
		assertThat(report.completed()).isTrue();
		assertThat(counts(report.tallies())).containsEntry("SMS CROSS_SELL FAILED", 2L)
			.containsEntry("EMAIL CROSS_SELL SENT", 4L);
		assertThat(only(report.run(), "T002", DocumentKind.CROSS_SELL).stateReason()).isEqualTo(
				"template sms/cross-sell.ftl line 2, column 3: 'customer.nickname' is missing or has the wrong type");
	}

	@Test
	void shouldWarnInADryRunWhenLongerNamesWouldPushAnSmsPastTheSegmentLimit() throws IOException {
		// given an SMS template that names the customer twice, in a campaign allowing two
		// segments: João's and Olena's SMS fit, one to a customer with long names would
		// not
		Path job = TestCampaigns.smallCampaign(folder.resolve("long-names"));
		Path templates = folder.resolve("long-names/templates");
		TestFiles.copyTree(TestCampaigns.PROJECT.resolve("templates"), templates);
		Files.writeString(templates.resolve("sms/cross-sell.ftl"),
				"${customer.fullName}, ${customer.fullName}: ${offer.sms}\n");
		Files.writeString(job, Files.readString(job).replace(TestCampaigns.PROJECT + "/templates", templates.toString())
				+ "sms:\n  max-segments: 2\n");
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 3, 31), true);
		// then
		assertThat(report.completed()).isTrue();
		assertThat(report.warnings()).anySatisfy(warning -> assertThat(warning).startsWith("proof of sms cross_sell")
			.contains("would need 3 segments (UCS-2", "30-character names", "limit of 2"));
		assertThat(report.warnings())
			.noneSatisfy(warning -> assertThat(warning).contains("sms").contains("cannot be rendered"));
	}

	@Test
	void shouldRefuseAJobFileWithAnUnknownKeyNamingFileAndLine() throws IOException {
		Path job = TestCampaigns.smallCampaign(folder.resolve("unknown-key"));
		Files.writeString(job, Files.readString(job).replace("as-of: 2026-09-30", "as-of: 2026-09-30\nschedulle: x"));
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.runner.check(job))
			.withMessageContaining(job + ":7: field 'schedulle': unknown key");
	}

	@Test
	void shouldRefuseAMissingTemplateBeforeStarting() throws IOException {
		Path job = TestCampaigns.smallCampaign(folder.resolve("missing-template"));
		Files.writeString(job, Files.readString(job).replace("sms/cross-sell.ftl", "sms/absent.ftl"));
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.runner.check(job))
			.withMessageContaining("template sms/absent.ftl not found");
	}

	@Test
	void shouldRefuseAJobFileThatMakesTheLinkSigningKeyAnSmsTemplate() throws IOException {
		// given: the key in the home's secrets folder, named from the root of the disk
		Path key = Files.createDirectories(folder.resolve("home/secrets")).resolve("tidings.links.secret");
		Files.writeString(key, "k".repeat(43));
		Path job = TestCampaigns.smallCampaign(folder.resolve("key-as-template"));
		String text = Files.readString(job);
		Path byRoot = Files.writeString(job.resolveSibling("by-root.yml"),
				text.replace("folder: " + TestCampaigns.PROJECT + "/templates", "folder: /")
					.replace("sms: sms/cross-sell.ftl", "sms: " + key.toString().substring(1)));
		Path bySecrets = Files.writeString(job.resolveSibling("by-secrets.yml"),
				text.replace("folder: " + TestCampaigns.PROJECT + "/templates", "folder: " + key.getParent())
					.replace("sms: sms/cross-sell.ftl", "sms: tidings.links.secret"));
		// then: refused before anything is rendered
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.runner.check(byRoot))
			.withMessageStartingWith(
					byRoot + ":15: field 'templates.folder': / is outside the folders job files may name");
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.runner.check(bySecrets))
			.withMessageStartingWith(bySecrets + ":15: field 'templates.folder': " + key.getParent() + " is in ");
	}

	private String text(Communication printed) throws IOException {
		try (PDDocument pdf = Loader.loadPDF(this.archive.read(printed.archivePath()).orElseThrow())) {
			return new PDFTextStripper().getText(pdf);
		}
	}

	private Channel channelOf(String customerId, DocumentKind kind) {
		return only(new RunRef("quarterly-statements", "2026-09-30"), customerId, kind).channel();
	}

	private Communication only(String customerId, DocumentKind kind) {
		return only(new RunRef("quarterly-statements", "2026-09-30"), customerId, kind);
	}

	private Communication only(RunRef run, String customerId, DocumentKind kind) {
		return this.communications.findByCustomer(customerId)
			.stream()
			.filter(c -> c.run().equals(run) && c.kind() == kind)
			.findFirst()
			.orElseThrow();
	}

	private List<Communication> communications(RunRef run, DocumentKind kind, CommunicationState state) {
		List<Communication> found = new java.util.ArrayList<>();
		for (Channel channel : Channel.values()) {
			this.readers.forEach(run, channel, state, c -> {
				if (c.kind() == kind) {
					found.add(c);
				}
			});
		}
		return found;
	}

	private static Map<String, Long> counts(List<RunTally> tallies) {
		return tallies.stream()
			.collect(Collectors.groupingBy(t -> t.channel() + " " + t.kind() + " " + t.state(),
					Collectors.summingLong(RunTally::count)));
	}

	private static List<Path> files(Path folder, String suffix) {
		return TestFiles.list(folder).filter(path -> path.toString().endsWith(suffix)).sorted().toList();
	}

}
