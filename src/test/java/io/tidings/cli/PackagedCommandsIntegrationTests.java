package io.tidings.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.mail.internet.MailDateFormat;
import org.apache.commons.csv.CSVRecord;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.BadInput;
import io.tidings.PackagedTidings;
import io.tidings.TestCampaigns;
import io.tidings.archive.Archives;
import io.tidings.archive.DocumentArchive;
import io.tidings.campaign.RunOutputs;
import io.tidings.campaign.TestFiles;
import io.tidings.customer.SampleCustomers;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Runs the packaged application ({@code target/tidings.jar}) in JVMs of its own, as users
 * type its commands, and checks exit codes, what the commands print and the files and
 * database they leave. Two homes are prepared once for the class: one where
 * {@code tidings demo} ran the sample campaign (with its contact policy, so that what
 * goes out depends on the day: the tests check what holds on any day), on which what
 * comes back is ingested, customers are scored and the campaign report is written; and
 * one where the small test campaign ran on 2026-09-30 (no contact policy), for history,
 * show, spoils and preview. Imports get fresh homes. Where the same command is checked
 * in-process, the checks are shared ({@link CommandOutputs}, {@link RunOutputs},
 * {@link SampleCustomers}).
 */
class PackagedCommandsIntegrationTests {

	/**
	 * Commands that run for seconds start about a third faster with the quick compiler
	 * alone and the serial collector; the demo and the campaign run, which render
	 * hundreds of documents on several threads, start as the launcher starts them. Under
	 * Failsafe every packaged-jar process but the demo starts with these options anyway
	 * (io.tidings.QuickStart: half the CPU time of a whole sample campaign run).
	 */
	private static final List<String> QUICK = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

	/** The dates of the sample bounce. */
	private static final Pattern DATE_1_OCTOBER = Pattern
		.compile("^(Date|Arrival-Date): Thu,  1 Oct 2026 06:0[0-9]:[0-9]{2} \\+0000 \\(UTC\\)", Pattern.MULTILINE);

	private static final String SMALL_RUN = "quarterly-statements/2026-09-30";

	private static final Pattern RUN_COMPLETED = Pattern
		.compile("^Run quarterly-statements/(\\d{4}-\\d{2}-\\d{2}) completed\\.$", Pattern.MULTILINE);

	private static final String NONE_YET = " (none yet: nothing for it was due, see \"waiting\" above)";

	private static final Pattern TALLY = Pattern
		.compile("^  (print|email|sms) (statement|cross_sell) (\\w+) +([\\d,]+)$", Pattern.MULTILINE);

	private static final Pattern WAITING = Pattern.compile("^  waiting: ([\\d,]+) communications", Pattern.MULTILINE);

	private static final Pattern HISTORY_LINE = Pattern.compile("^- \\S+  ([0-9a-f-]{36})  \\S+  \\w+ \\w+  (\\w+)$",
			Pattern.MULTILINE);

	private static final AtomicInteger COMMANDS = new AtomicInteger();

	@TempDir
	static Path folder;

	/**
	 * A copy of jobs/, samples/ and templates/: reject files are written beside inputs.
	 */
	static Path project;

	/** The working folder of every command: relative file names are taken from it. */
	static Path work;

	static Path demoHome;

	static CommandResult demo;

	static Path smallHome;

	static Path smallJob;

	@BeforeAll
	static void runTheDemoAndTheSmallCampaign() throws Exception {
		project = folder.resolve("project");
		for (String name : new String[] { "jobs", "samples", "templates" }) {
			TestFiles.copyTree(TestCampaigns.PROJECT.resolve(name), project.resolve(name));
		}
		work = Files.createDirectories(folder.resolve("work"));
		demoHome = folder.resolve("home-demo");
		smallJob = TestCampaigns.smallCampaign(folder.resolve("small"));
		smallHome = folder.resolve("home-small");
		// at the same time: each has a home, a database and an output folder of its own
		// the demo as users start it: the nested jar on the launcher's collector; its
		// clock at
		// a working morning, so that it sends email and SMS whatever the hour the tests
		// run
		Command demoCommand = start(demoHome,
				List.of(PackagedTidings.AS_USERS_DO.get(0),
						"-Dtidings.clock.start=" + lastWorkingMorning(Instant.now())),
				"demo", "--project", project.toString());
		// as a scheduler shipping structured logs starts it
		CommandResult run = tidings(smallHome, List.of(), "--log-format", "ecs", "run", smallJob.toString(), "--as-of",
				"2026-09-30", "--json");
		demo = demoCommand.finish();
		assertThat(demo.exitCode()).as(demo.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(TidingsCommandLine.OK);
		assertRunJsonOnStandardOutputAndJsonLogLinesNamingTheRunOnStandardError(run);
	}

	/**
	 * The latest weekday 09:30 UTC not after the moment, outside the days around
	 * Christmas and New Year: every customer of the sample is inside the send windows
	 * then (they defer email and SMS at night, at weekends and on public holidays).
	 */
	static Instant lastWorkingMorning(Instant moment) {
		ZonedDateTime morning = moment.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).withHour(9).withMinute(30);
		while (morning.toInstant().isAfter(moment) || morning.getDayOfWeek() == DayOfWeek.SATURDAY
				|| morning.getDayOfWeek() == DayOfWeek.SUNDAY
				|| (morning.getMonthValue() == 12 && morning.getDayOfMonth() >= 24)
				|| (morning.getMonthValue() == 1 && morning.getDayOfMonth() == 1)) {
			morning = morning.minusDays(1);
		}
		return morning.toInstant();
	}

	/**
	 * {@code --json}: standard output is the run's {@code run.json} and nothing else;
	 * {@code --log-format ecs}: the log lines on standard error are JSON, a stage's
	 * naming the run and the stage.
	 */
	private static void assertRunJsonOnStandardOutputAndJsonLogLinesNamingTheRunOnStandardError(CommandResult run)
			throws IOException {
		JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
		JsonNode summary = json.readTree(run.out());
		assertThat(summary.get("campaign").asString() + "/" + summary.get("runKey").asString()).isEqualTo(SMALL_RUN);
		assertThat(summary.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(summary.get("audience").asLong()).isEqualTo(10);
		assertThat(run.out()).isEqualTo(Files.readString(smallHome.resolve("out/" + SMALL_RUN + "/run.json")));
		List<JsonNode> stageLines = run.err()
			.lines()
			.filter(line -> line.startsWith("{\"@timestamp\""))
			.map(json::readTree)
			.filter(line -> line.has("step"))
			.toList();
		assertThat(stageLines).as(run.err()).isNotEmpty().allSatisfy(line -> {
			assertThat(line.get("campaign").asString() + "/" + line.get("runKey").asString()).isEqualTo(SMALL_RUN);
			assertThat(line.get("log").get("level").asString()).isNotBlank();
		});
		assertThat(stageLines)
			.anySatisfy(line -> assertThat(line.get("step").asString()).isEqualTo("renderDocumentsStep"));
	}

	@Test
	void shouldRunTheDemoAndDeliverEveryCommunicationItListsOrKeepItsReason() throws Exception {
		// given the demo, run once for the class
		Matcher completed = RUN_COMPLETED.matcher(demo.out());
		assertThat(completed.find()).as(demo.toString()).isTrue();
		String runKey = completed.group(1);
		Path out = demoHome.resolve("out/quarterly-statements").resolve(runKey);
		// then the run key is the end of the quarter before today's (the job file's as-of
		// rule)
		assertThat(runKey).matches("\\d{4}-(03-31|06-30|09-30|12-31)");
		assertThat(LocalDate.parse(runKey)).isBefore(LocalDate.now(ZoneId.of("Europe/Lisbon")))
			.isAfter(LocalDate.now(ZoneId.of("Europe/Lisbon")).minusMonths(4));
		assertThat(demo.out()).contains("audience: 234 customers",
				"60 responses recorded; they change the offers of the next run.",
				"print shop files: " + out.resolve("print"), "emails (.eml):    " + out.resolve("email"),
				"SMS (JSON lines): " + out.resolve("sms/outbox.jsonl"), "run summary:      " + out.resolve("run.json"),
				"archive:          " + demoHome.resolve("archive"));
		// on a working morning each output is there
		assertThat(outputLines(demo.out())).hasSize(3).allSatisfy(line -> assertThat(line).doesNotContain("(none"));
		List<Communication> ledger = ledger(demoHome, runKey);
		// and every customer of the audience has a statement and an offer, each handed
		// over with its archived document, not sent for a reason, or waiting for a reason
		assertThat(scalar(demoHome, "SELECT COUNT(*) FROM run_audience WHERE run_key = '" + runKey + "'"))
			.isEqualTo(234);
		assertThat(ledger.stream().collect(Collectors.groupingBy(Communication::customerId, Collectors.toSet())))
			.hasSize(234)
			.allSatisfy((customer, communications) -> assertThat(communications).extracting(Communication::documentKind)
				.containsExactlyInAnyOrder("STATEMENT", "CROSS_SELL"));
		DocumentArchive archive = Archives.in(demoHome);
		assertThat(ledger).allSatisfy(communication -> {
			if (communication.handedOver()) {
				assertThat(archive.read(communication.archivePath())).as(communication.toString()).isPresent();
			}
			else if (Set.of("SUPPRESSED", "FAILED").contains(communication.state())) {
				assertThat(communication.reasonCode()).as(communication.toString()).isNotBlank();
			}
			else {
				assertThat(communication.state()).as(communication.toString()).isIn("PLANNED", "RENDERED");
				assertThat(communication.deferralCode()).as(communication.toString()).isNotBlank();
			}
		});
		// and the summary it printed counts what the ledger holds
		Map<String, Long> printed = new TreeMap<>();
		TALLY.matcher(demo.out())
			.results()
			.forEach(tally -> printed.put(tally.group(1) + " " + tally.group(2) + " " + tally.group(3),
					Long.parseLong(tally.group(4).replace(",", ""))));
		assertThat(printed).isEqualTo(ledger.stream()
			.collect(Collectors.groupingBy(Communication::summaryKey, TreeMap::new, Collectors.counting())));
		Matcher waiting = WAITING.matcher(demo.out());
		assertThat(ledger).filteredOn(communication -> Set.of("PLANNED", "RENDERED").contains(communication.state()))
			.hasSize(waiting.find() ? Integer.parseInt(waiting.group(1).replace(",", "")) : 0);
		// and the print job (DONE only when streams were written), the emails and the SMS
		// hold what was handed over, once each
		RunOutputs.assertHandedOverOnce(out, handedOver(ledger, "PRINT"), handedOver(ledger, "EMAIL"),
				handedOver(ledger, "SMS"));
	}

	@Test
	void shouldSayTheDemoWroteNothingYetWhenItRunsOnAWeekend() throws Exception {
		// given a Saturday morning, when every customer's send window is closed
		Path home = folder.resolve("home-demo-saturday");
		Instant saturday = lastWorkingMorning(Instant.now()).atZone(ZoneOffset.UTC)
			.with(TemporalAdjusters.next(DayOfWeek.SATURDAY))
			.toInstant();
		// when
		CommandResult result = start(home,
				List.of(PackagedTidings.AS_USERS_DO.get(0), "-Dtidings.clock.start=" + saturday), "demo", "--project",
				project.toString())
			.finish();
		// then the outputs it lists are not there, and it says why
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(result.out()).contains("deferred from the run's first day", "waiting: ");
		Matcher completed = RUN_COMPLETED.matcher(result.out());
		assertThat(completed.find()).as(result.toString()).isTrue();
		Path out = home.resolve("out/quarterly-statements").resolve(completed.group(1));
		assertThat(outputLines(result.out())).containsExactly("  print shop files: " + out.resolve("print") + NONE_YET,
				"  emails (.eml):    " + out.resolve("email") + NONE_YET,
				"  SMS (JSON lines): " + out.resolve("sms/outbox.jsonl") + NONE_YET);
		assertThat(out.resolve("print")).doesNotExist();
		assertThat(out.resolve("email")).doesNotExist();
		assertThat(out.resolve("sms/outbox.jsonl")).doesNotExist();
	}

	/** The demo's lines saying where the print, email and SMS outputs are. */
	private static List<String> outputLines(String out) {
		return out.lines()
			.filter(line -> line.startsWith("  print shop files: ") || line.startsWith("  emails (.eml):    ")
					|| line.startsWith("  SMS (JSON lines): "))
			.toList();
	}

	@Test
	void shouldIngestWhatComesBackOfEveryKindOnceAndShowItInTheCustomersHistory() throws Exception {
		// given the demo's home, the sample files of what comes back, and an opt-out of
		// C000001's phone (and one of nobody)
		Path samples = project.resolve("samples");
		Path optOuts = Files.writeString(work.resolve("opt-outs.csv"), """
				customer_id,email,phone,country,channel,occurred_at
				,,+447428411817,GB,sms,2026-10-02T09:00:00+01:00
				NOBODY,,,,email,2026-10-02T09:00:00+01:00
				""");
		// when the responses the demo ingested come again, and the rest for the first
		// time
		CommandResult responses = tidings(demoHome, QUICK, "ingest", samples.resolve("responses.csv").toString());
		CommandResult optOut = tidings(demoHome, QUICK, "ingest", optOuts.toString(), "--kind", "opt-outs");
		// (the sample bounce dated now: one dated before the email it matches was sent is
		// refused)
		Path bounceSample = samples.resolve("bounces.mbox");
		Files.writeString(bounceSample, DATE_1_OCTOBER.matcher(Files.readString(bounceSample))
			.replaceAll("$1: " + Matcher.quoteReplacement(new MailDateFormat().format(new Date()))));
		CommandResult bounces = tidings(demoHome, QUICK, "ingest", bounceSample.toString(), "--kind", "bounces");
		CommandResult smsStatus = tidings(demoHome, QUICK, "ingest", samples.resolve("sms-status.csv").toString(),
				"--kind", "sms-status");
		CommandResult returnedMail = tidings(demoHome, QUICK, "ingest", samples.resolve("returned-mail.csv").toString(),
				"--kind", "returned-mail");
		CommandResult history = tidings(demoHome, QUICK, "history", "C000001");
		// then each file's records are counted, and the bad ones rejected with their line
		assertOk(responses).contains("This file was ingested before; nothing changed.");
		assertThat(scalar(demoHome, "SELECT COUNT(*) FROM contact_response")).as("the sample responses, once")
			.isEqualTo(60);
		assertOk(optOut).contains("Opt-outs: 2 records, 1 accepted, 1 rejected",
				"Rejected records: " + work.resolve("opt-outs.rejects.csv"));
		assertThat(BadInput.csv(work.resolve("opt-outs.rejects.csv")).get(1).toList()).startsWith("3", "customer_id",
				"unknown customer NOBODY");
		assertOk(bounces).contains("Bounces: 2 records, 1 accepted, 1 rejected",
				"Rejected records: " + samples.resolve("bounces.rejects.csv"));
		CSVRecord notABounce = BadInput.csv(samples.resolve("bounces.rejects.csv")).get(1);
		assertThat(notABounce.toList()).startsWith("47", "Content-Type");
		assertThat(notABounce.get(2)).startsWith("not a delivery status notification");
		assertOk(smsStatus).contains("SMS status reports: 3 records, 3 accepted, 0 rejected");
		assertOk(returnedMail).contains("Returned mail: 2 records, 2 accepted, 0 rejected");
		assertThat(rows(demoHome,
				"SELECT customer_id, kind, status, source_line FROM delivery_event ORDER BY source, source_line"))
			.containsExactly(tuple("C000001", "HARD_BOUNCE", "5.1.1", "1"),
					tuple("C000003", "RETURNED_MAIL", null, "2"), tuple("C000001", "RETURNED_MAIL", null, "3"),
					tuple(null, "UNKNOWN", "delivered", "2"), tuple(null, "UNKNOWN", "undelivered", "3"),
					tuple("C000005", "OPT_OUT", "STOP", "4"));
		assertThat(rows(demoHome,
				"SELECT customer_id, channel, granted FROM consent_event WHERE source <> 'customer-file'"))
			.as("C000005 replied Stop")
			.containsExactly(tuple("C000005", "SMS", "FALSE"));
		// and C000001's history shows the response, the opt-out, the bounce and the
		// returned letter, and the communications the ledger holds
		assertOk(history).contains("Customer C000001: ", "Responses: 1",
				"purchased TERM_DEPOSIT  campaign spring-promo  via email  (" + samples.resolve("responses.csv") + ")",
				"opt_out by phone, sms  (opt-outs:opt-outs.csv)", "undeliverable by email, email  (bounce:5.1.1)",
				"email hard bounce 5.1.1", "(bounces:bounces.mbox line 1)",
				"print returned mail  (returned-mail.csv line 3)");
		assertThat(HISTORY_LINE.matcher(history.out()).results().map(line -> tuple(line.group(1), line.group(2))))
			.containsExactlyInAnyOrderElementsOf(
					rows(demoHome, "SELECT communication_id, state FROM communication WHERE customer_id = 'C000001'"));
		// when a mail server's delay warning and a mailbox provider's complaint (ARF)
		// about another customer's email come back
		Tuple emailed = rows(demoHome, """
				SELECT c.customer_id, c.communication_id, u.email FROM communication c
				JOIN customer u ON u.customer_id = c.customer_id
				WHERE c.channel = 'EMAIL' AND c.state = 'SENT' AND c.customer_id <> 'C000001'
				ORDER BY c.customer_id FETCH FIRST 1 ROWS ONLY""").get(0);
		String customerId = (String) emailed.toList().get(0);
		String communicationId = (String) emailed.toList().get(1);
		Map<String, String> values = Map.of("MESSAGE_ID", "<" + communicationId + "@tidings.invalid>", "RECIPIENT",
				(String) emailed.toList().get(2));
		Path feedback = Files.writeString(work.resolve("feedback.mbox"),
				"From MAILER-DAEMON Thu Dec  3 10:00:00 2026\n" + emailSample("postfix-delayed.eml", values)
						+ "\nFrom feedbackloop@fbl.mail.example Thu Dec  3 10:05:00 2026\n"
						+ emailSample("arf-complaint.eml", values));
		CommandResult reports = tidings(demoHome, QUICK, "ingest", feedback.toString(), "--kind", "bounces");
		CommandResult theirHistory = tidings(demoHome, QUICK, "history", customerId);
		// then the delay is a report, the complaint stops marketing email to the address
		assertOk(reports).contains("Bounces: 2 records, 2 accepted, 0 rejected");
		assertOk(theirHistory).contains(communicationId + "  ", "COMPLAINED", "email delayed 4.4.1",
				"email complaint abuse  communication " + communicationId,
				"complaint by email, email  (complaint:abuse)");
		assertThat(scalar(demoHome, "SELECT COUNT(*) FROM suppression_entry WHERE reason = 'COMPLAINT'")).isEqualTo(1);
		// when an Exchange and a Gmail bounce in plain text (no DSN) and a report on two
		// recipients come back, replies in French and Spanish, and a post room's return
		// of a whole envelope by its id
		// (four addresses each sent one email: a report names an address, not a message)
		List<Tuple> others = rows(demoHome, """
				SELECT MIN(c.communication_id), u.email FROM communication c
				JOIN customer u ON u.customer_id = c.customer_id
				WHERE c.channel = 'EMAIL' AND c.state = 'SENT' AND c.customer_id NOT IN ('C000001', '%s')
				GROUP BY u.email HAVING COUNT(*) = 1 ORDER BY u.email FETCH FIRST 4 ROWS ONLY""".formatted(customerId));
		Path texts = Files.writeString(work.resolve("text-bounces.mbox"),
				"From MAILER-DAEMON Thu Dec  3 11:00:00 2026\n"
						+ emailSample("exchange-ndr.eml",
								Map.of("RECIPIENT", (String) others.get(0).toList().get(1), "N", "2"))
						+ "\nFrom MAILER-DAEMON Thu Dec  3 11:05:00 2026\n"
						+ emailSample("gmail-failure.eml",
								Map.of("RECIPIENT", (String) others.get(1).toList().get(1), "MESSAGE_ID",
										"<" + others.get(1).toList().get(0) + "@tidings.invalid>", "N", "3"))
						+ "\nFrom MAILER-DAEMON Thu Dec  3 11:10:00 2026\n"
						+ emailSample("multi-recipient.eml",
								Map.of("RECIPIENT", (String) others.get(2).toList().get(1), "OTHER",
										(String) others.get(3).toList().get(1), "MESSAGE_ID",
										"<" + others.get(2).toList().get(0) + "@tidings.invalid>", "N", "4")));
		List<String> phones = column(demoHome, "SELECT phone FROM customer WHERE phone IS NOT NULL"
				+ " AND customer_id <> 'C000005' ORDER BY customer_id FETCH FIRST 2 ROWS ONLY");
		String received = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
			.format(LocalDateTime.now(ZoneOffset.UTC).minusMinutes(1));
		Path replies = Files.writeString(work.resolve("replies.csv"),
				"""
						Sid,From,To,Body,Status,SentDate,ApiVersion,NumSegments,ErrorCode,AccountSid,Direction
						SM00000000000000000000000000000011,%s,+15005550006,Arrêt,received,%s,2010-04-01,1,,AC00000000000000000000000000000000,inbound
						SM00000000000000000000000000000012,%s,+15005550006,ayuda,received,%s,2010-04-01,1,,AC00000000000000000000000000000000,inbound
						"""
					.formatted(phones.get(0), received, phones.get(1), received));
		List<String> envelope = column(demoHome, """
				SELECT envelope_id FROM print_item WHERE envelope_id IS NOT NULL AND customer_id <> 'C000001'
				ORDER BY envelope_id FETCH FIRST 1 ROWS ONLY""");
		Path returned = Files.writeString(work.resolve("returned-envelope.csv"), """
				envelope_id,reason,occurred_at
				%s,gone away,%s
				""".formatted(envelope.get(0), OffsetDateTime.now().plusSeconds(1).withNano(0)));
		CommandResult textBounces = tidings(demoHome, QUICK, "ingest", texts.toString(), "--kind", "bounces");
		CommandResult smsReplies = tidings(demoHome, QUICK, "ingest", replies.toString(), "--kind", "sms-status");
		CommandResult envelopeBack = tidings(demoHome, QUICK, "ingest", returned.toString(), "--kind", "returned-mail");
		// then each is read for what it says
		assertOk(textBounces).contains("Bounces: 3 records, 3 accepted, 0 rejected");
		List<String> expected = List.of("HARD_BOUNCE 5.1.1", "SOFT_BOUNCE 4.2.2", "DELAYED 4.4.1", "SOFT_BOUNCE 4.2.2");
		for (int i = 0; i < expected.size(); i++) {
			assertThat(column(demoHome,
					"SELECT kind || ' ' || status FROM delivery_event WHERE communication_id = '"
							+ others.get(i).toList().get(0) + "'"))
				.as("Exchange, Gmail, and each recipient of a report on two")
				.containsExactly(expected.get(i));
		}
		assertOk(smsReplies).contains("SMS status reports: 2 records, 2 accepted, 0 rejected");
		assertThat(column(demoHome,
				"SELECT kind FROM delivery_event WHERE source LIKE '%replies.csv%' ORDER BY source_line"))
			.as("Arrêt (fr) opts out, ayuda (es) asks for help")
			.containsExactly("OPT_OUT", "HELP");
		assertOk(envelopeBack).contains("Returned mail: 1 records, 1 accepted, 0 rejected");
		assertThat(column(demoHome, "SELECT c.state FROM communication c JOIN print_item p"
				+ " ON p.communication_id = c.communication_id WHERE p.envelope_id = '" + envelope.get(0) + "'"))
			.as("every letter in the envelope")
			.isNotEmpty()
			.containsOnly("BOUNCED");
	}

	/** A sample report of the email tests, dated now. */
	private static String emailSample(String name, Map<String, String> values) throws IOException {
		String text = Files
			.readString(TestCampaigns.PROJECT.resolve("src/test/resources/io/tidings/email/data").resolve(name));
		Map<String, String> all = new HashMap<>(values);
		all.put("DATE", new MailDateFormat().format(new Date()));
		all.putIfAbsent("N", "1");
		for (Map.Entry<String, String> value : all.entrySet()) {
			text = text.replace("{{" + value.getKey() + "}}", value.getValue());
		}
		return text;
	}

	@Test
	void shouldLeaveTheHomeOwnerOnlyEvenWhenStartedWithoutTheLauncher() throws Exception {
		// given the demo's home, made by java -jar without the launcher's umask 077
		// then the home and its database and log folders are the user's alone
		assertThat(permissions(demoHome)).isEqualTo("rwx------");
		assertThat(permissions(demoHome.resolve("db"))).isEqualTo("rwx------");
		assertThat(permissions(demoHome.resolve("logs"))).isEqualTo("rwx------");
		// and so is every folder and file Tidings wrote itself (H2's files and the log
		// file are out of reach in their folders, and owner-only under the launcher)
		Map<Path, String> others = new TreeMap<>();
		try (var paths = Files.walk(demoHome)) {
			paths.filter(
					(path) -> !path.startsWith(demoHome.resolve("db")) && !path.startsWith(demoHome.resolve("logs")))
				.forEach((path) -> {
					String expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
					if (!permissions(path).equals(expected)) {
						others.put(demoHome.relativize(path), permissions(path));
					}
				});
		}
		assertThat(others).isEmpty();
		assertThat(demoHome.resolve("archive")).isDirectory();
	}

	private static String permissions(Path path) {
		try {
			return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void shouldScoreEveryCustomerForAProductIntoAFileNamedRelativeToTheWorkingFolder() throws Exception {
		// given the demo's home with the sample responses (22 about education savings),
		// and a model that learns from 5 responses of each outcome, logistic regression
		// against gradient-boosted trees (whose native library loads from the nested jar,
		// so the jar is started as users do)
		Files.writeString(work.resolve("edu-savings.yml"),
				"minimum-responses: 5\ncandidates: [logistic, gradient-boosting]\n");
		// when
		CommandResult score = tidings(demoHome, PackagedTidings.AS_USERS_DO, "score", "--product", "edu-savings",
				"--model", "edu-savings.yml", "--out", "edu-savings-scores.csv");
		// then
		assertOk(score)
			.contains("Model EDU_SAVINGS", "(trained now)",
					"Scored 234 customers into " + work.resolve("edu-savings-scores.csv"))
			.containsPattern(
					"  champion +(logistic|gradient-boosting) +CV AUC \\d\\.\\d{3}, Brier \\d\\.\\d{4}, lift@20% ")
			.containsPattern("  challenger +(logistic|gradient-boosting) +CV AUC ");
		List<String> lines = Files.readAllLines(work.resolve("edu-savings-scores.csv"));
		assertThat(lines.get(0)).isEqualTo("customer_id;score");
		Map<String, Double> scores = new HashMap<>();
		lines.subList(1, lines.size())
			.forEach(line -> scores.put(line.split(";")[0], Double.parseDouble(line.split(";")[1])));
		assertThat(scores).hasSize(lines.size() - 1).allSatisfy((id, value) -> assertThat(value).isBetween(0.0, 1.0));
		assertThat(scores.keySet())
			.containsExactlyInAnyOrderElementsOf(column(demoHome, "SELECT customer_id FROM customer"));
	}

	@Test
	void shouldWriteTheCampaignReportAsHtmlWithChartsAndCsv() throws Exception {
		// when
		CommandResult report = tidings(demoHome, QUICK, "report", "quarterly-statements");
		// then
		Path reports = demoHome.resolve("reports/quarterly-statements");
		assertOk(report).contains("Campaign quarterly-statements: 1 runs, 234 customers in the audience",
				"Report: " + reports.resolve("report.html"), "CSV: " + reports.resolve("report.csv"));
		List<String> csv = Files.readAllLines(reports.resolve("report.csv"));
		assertThat(csv.get(0)).isEqualTo("section,group,key,metric,value");
		assertThat(csv).contains("audience,quarterly-statements,,customers,234");
		assertThat(csv.stream().filter(line -> line.startsWith("delivery,")))
			.as("communications per channel and state, as in the ledger")
			.containsExactlyInAnyOrderElementsOf(column(demoHome, "SELECT 'delivery,' || LOWER(channel) || ',' || state"
					+ " || ',communications,' || COUNT(*) FROM communication GROUP BY channel, state"));
		assertThat(Files.readString(reports.resolve("report.html"))).contains("Lift over the control group")
			.contains("new Chart(document.getElementById('lift')")
			.contains("Chart.js v4")
			.doesNotContain("<script src=");
	}

	@Test
	void shouldIngestResponsesAndShowThemInTheHistoryOfAMergedSourceRecord() throws Exception {
		// given the small campaign's responses: T001 bought, T009 (into whom T910 was
		// merged) declined, T404 is nobody and T003's outcome is none
		Path responses = smallJob.resolveSibling("responses.csv");
		// when
		CommandResult ingest = tidings(smallHome, QUICK, "ingest", responses.toString(), "--kind", "responses");
		CommandResult history = tidings(smallHome, QUICK, "history", "T910");
		// then
		assertOk(ingest).contains("Responses: 4 records, 2 accepted, 2 rejected",
				"Rejected records: " + responses.resolveSibling("responses.rejects.csv"));
		assertThat(BadInput.csv(responses.resolveSibling("responses.rejects.csv")))
			.extracting(reject -> reject.get(0), reject -> reject.get(1))
			.containsExactly(tuple("line", "field"), tuple("4", "customer_id"), tuple("5", "outcome"));
		List<String> ids = CommandOutputs.assertHistoryOfMergedSourceRecord(history, smallHome);
		assertThat(history.out()).contains("Responses: 1", "declined EDU_SAVINGS  via print  (" + responses + ")");

		// when
		CommandResult show = tidings(smallHome, QUICK, "show", ids.get(0));
		// then
		CommandOutputs.assertShowsCommunicationOfT009(show, ids.get(0), smallHome);
	}

	@Test
	void shouldReprintTheEnvelopesAPrintShopSpoiledWithTheSameDocuments() throws Exception {
		// given a spoils report naming both envelopes of T003 (statement and mailer) and
		// an envelope no run printed
		Path print = smallHome.resolve("out").resolve(SMALL_RUN).resolve("print");
		List<String> manifest = Files.readAllLines(print.resolve("manifest.csv"));
		List<String> header = List.of(manifest.get(0).split(","));
		Map<String, String> envelopes = new TreeMap<>();
		manifest.stream()
			.skip(1)
			.map(line -> line.split(","))
			.filter(row -> row[header.indexOf("customer_id")].equals("T003"))
			.forEach(row -> envelopes.put(row[header.indexOf("communication_id")], row[header.indexOf("envelope_id")]));
		assertThat(envelopes).hasSize(2);
		List<String> spoiled = List.copyOf(envelopes.values());
		Path spoils = Files.writeString(work.resolve("spoils.csv"), "envelope_id,reason\n" + spoiled.get(0)
				+ ",jammed in the inserter\n" + spoiled.get(1) + ",torn\nZZZZZZZZ-00000001,torn\n");
		// when
		CommandResult reprint = tidings(smallHome, QUICK, "ingest", spoils.toString(), "--kind", "spoils");
		// then a stream for each mail class: the statement goes first class, the mailer
		// second
		assertOk(reprint).contains(
				"Reprint of " + SMALL_RUN + ": 2 envelopes, 2 documents in 2 streams: " + print.resolve("reprint-001"),
				"Envelopes no run printed (not reprinted): ZZZZZZZZ-00000001");
		RunOutputs.assertPrintedOnceInStreams(print.resolve("reprint-001"), envelopes.keySet());
		assertThat(Files.readString(print.resolve("reprint-001/manifest.csv"))).as("the same envelope ids")
			.contains(envelopes.values());
		assertThat(Files.readAllLines(print.resolve("manifest.csv"))).as("the run's own job is left alone")
			.isEqualTo(manifest);
	}

	@Test
	void shouldWriteAProofOfATemplateForOneCustomerIntoTheWorkingFolder() throws Exception {
		// when no --out is given
		CommandResult preview = tidings(smallHome, QUICK, "preview", "statement/statement.ftlh", "--customer", "T003",
				"--job", smallJob.toString(), "--as-of", "2026-09-30");
		// then the proof is <template name>-<customer>.pdf in the working folder
		CommandOutputs.assertStatementProofOfT003(preview, work.resolve("statement-T003.pdf"));
	}

	@Test
	void shouldImportCustomersAndWriteTheBadRowsToTheRejectFileWithReasons(@TempDir Path imports) throws Exception {
		// given a copy of the sample files, so that the reject file is written beside it
		Path samples = imports.resolve("samples");
		TestFiles.copyTree(TestCampaigns.PROJECT.resolve("samples"), samples);
		// when
		CommandResult result = tidings(imports.resolve("home"), QUICK, "import",
				samples.resolve("customers.csv").toString(), "--mapping",
				samples.resolve("customers.mapping.yml").toString(), "--transactions",
				samples.resolve("transactions.csv").toString());
		// then
		CommandOutputs.assertSampleCustomersImported(result, samples);
		SampleCustomers.assertRejectFile(samples.resolve("customers.csv"));
	}

	@Test
	void shouldRefuseACustomerFileWithAColumnTwiceWithExitCode2NamingFileLineAndField(@TempDir Path imports) {
		// given
		Path file = BadInput.copy(imports, "customers-duplicate-column.csv");
		// when
		CommandResult result = tidings(imports.resolve("home"), QUICK, "import", file.toString());
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(result.err())
			.contains("error: " + file + ":1: field 'email': the column appears twice in the header");
		assertThat(imports.resolve("customers-duplicate-column.rejects.csv")).doesNotExist();
	}

	private static AbstractStringAssert<?> assertOk(CommandResult result) {
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.OK);
		return assertThat(result.out()).as(result.toString());
	}

	/**
	 * Runs {@code java <jvm options> -jar target/tidings.jar <arguments> --home <home>}
	 * in the working folder and waits for it to end.
	 */
	private static CommandResult tidings(Path home, List<String> jvmOptions, String... arguments) {
		return start(home, jvmOptions, arguments).finish();
	}

	private static Command start(Path home, List<String> jvmOptions, String... arguments) {
		try {
			String name = COMMANDS.incrementAndGet() + "-" + arguments[0];
			Path out = folder.resolve("logs").resolve(name + ".out");
			Path err = out.resolveSibling(name + ".err");
			Files.createDirectories(out.getParent());
			Process process = new ProcessBuilder(PackagedTidings.command(home, jvmOptions, arguments))
				.directory(work.toFile())
				.redirectOutput(out.toFile())
				.redirectError(err.toFile())
				.start();
			return new Command(name, process, out, err);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A command running in a JVM of its own, its output going to files.
	 */
	private record Command(String name, Process process, Path out, Path err) {

		CommandResult finish() {
			try {
				if (!this.process.waitFor(5, TimeUnit.MINUTES)) {
					this.process.destroyForcibly().waitFor();
					throw new AssertionError(this.name + " did not end in 5 minutes:\n" + Files.readString(this.out));
				}
				return new CommandResult(this.process.exitValue(), Files.readAllBytes(this.out),
						Files.readString(this.err));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	private static List<Communication> ledger(Path home, String runKey) {
		try (SingleConnectionDataSource database = database(home)) {
			return JdbcClient.create(database).sql("""
					SELECT communication_id, customer_id, channel, document_kind, state, reason_code, deferral_code,
					sent_at IS NOT NULL AS handed_over, archive_path FROM communication WHERE run_key = ?
					""").param(runKey).query(Communication.class).list();
		}
	}

	private static long scalar(Path home, String sql) {
		try (SingleConnectionDataSource database = database(home)) {
			return JdbcClient.create(database).sql(sql).query(Long.class).single();
		}
	}

	/** The values of the first column of the rows a query finds. */
	private static List<String> column(Path home, String sql) {
		try (SingleConnectionDataSource database = database(home)) {
			return JdbcClient.create(database).sql(sql).query(String.class).list();
		}
	}

	/** The rows a query finds, each as a tuple of its columns' values as text. */
	private static List<Tuple> rows(Path home, String sql) {
		try (SingleConnectionDataSource database = database(home)) {
			return JdbcClient.create(database).sql(sql).query((row, n) -> {
				Object[] values = new Object[row.getMetaData().getColumnCount()];
				for (int i = 0; i < values.length; i++) {
					values[i] = row.getString(i + 1);
				}
				return tuple(values);
			}).list();
		}
	}

	/**
	 * The home's database, for checks once the command that wrote it has ended (the
	 * embedded database admits one process at a time).
	 */
	private static SingleConnectionDataSource database(Path home) {
		return new SingleConnectionDataSource("jdbc:h2:file:" + home.resolve("db/tidings"), "sa", "", true);
	}

	private static Set<String> handedOver(List<Communication> ledger, String channel) {
		Set<String> ids = new HashSet<>();
		ledger.stream()
			.filter(communication -> communication.handedOver() && communication.channel().equals(channel))
			.forEach(communication -> ids.add(communication.communicationId()));
		return ids;
	}

	/**
	 * A communication as the ledger holds it.
	 *
	 * @param handedOver whether it was handed to its transport (printed, or sent),
	 * whatever became of it since (a bounce, a response)
	 */
	record Communication(String communicationId, String customerId, String channel, String documentKind, String state,
			String reasonCode, String deferralCode, boolean handedOver, String archivePath) {

		/** How a run's summary counts it: as the run left it. */
		String summaryKey() {
			String left = !this.handedOver ? this.state : "PRINT".equals(this.channel) ? "PRINTED" : "SENT";
			return (this.channel + " " + this.documentKind + " " + left).toLowerCase(Locale.ROOT);
		}

	}

}
