package io.tidings.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the {@code tidings} command in-process, as a user would type it, and checks exit
 * codes and what it prints. Every command that boots the application gets a home folder
 * of its own ({@code --home}), so that no test sees another's database.
 */
class TidingsCommandLineTests {

	private static final Pattern COMMUNICATION_LINE = Pattern
		.compile("^- \\S+  ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})  ", Pattern.MULTILINE);

	private static final Pattern DOCUMENT_LINE = Pattern.compile("^    document: (.+)$", Pattern.MULTILINE);

	@TempDir
	Path folder;

	@Test
	void shouldPrintTheUsageAndExitWith2WithoutACommand() {
		// when
		Result result = tidings();
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(result.err()).contains("Usage: tidings", "run", "import", "history");
	}

	@Test
	void shouldPrintTheHelpAndExitWith0() {
		// when
		Result result = tidings("--help");
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(result.out()).contains("Usage: tidings", "--home", "Exit codes: 0 success");
	}

	@Test
	void shouldRefuseAnUnknownOptionWithExitCode2() {
		// when
		Result result = tidings("run", "--colour", "job.yml");
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(result.err()).contains("Unknown option: '--colour'", "Usage: tidings run");
	}

	@Test
	void shouldRefuseAJobFileWithAnUnknownKeyNamingFileAndLine() throws IOException {
		// given
		Path job = TestCampaigns.smallCampaign(this.folder.resolve("campaign"));
		Files.writeString(job, Files.readString(job).replace("as-of: 2026-09-30", "as-of: 2026-09-30\nschedulle: x"));
		// when
		Result result = tidings("run", job.toString(), "--as-of", "2026-09-30", "--home", home("unknown-key"));
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(result.err()).contains("error: " + job + ":7: field 'schedulle': unknown key");
	}

	@Test
	void shouldRefuseASettingThatCannotWorkNamingItWithExitCode2() {
		// given delivery on no thread at all
		System.setProperty("tidings.run.delivery-threads", "0");
		try {
			// when
			Result result = tidings("purge", "--dry-run", "--home", home("bad-setting"));
			// then
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
			assertThat(result.err()).contains("error: tidings.run.delivery-threads must be at least 1, not 0");
		}
		finally {
			System.clearProperty("tidings.run.delivery-threads");
		}
	}

	@Test
	void shouldAcceptAHomeRelativeToTheWorkingFolderAndCountWhatAPurgeWouldDelete() {
		// given a home folder written relative to the working folder
		String home = "target/relative-home-" + java.util.UUID.randomUUID();
		// when
		Result result = tidings("purge", "--dry-run", "--home", home);
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(result.out()).contains("Dry run: nothing deleted", "communications planned before ");
		assertThat(Path.of(home, "db")).isDirectory();
	}

	@Test
	void shouldRefuseToEraseOrExportAnUnknownCustomerWithExitCode2() {
		// when
		Result erase = tidings("erase-customer", "NOBODY", "--home", home("erase"));
		Result export = tidings("export-customer", "NOBODY", "--home", home("erase"));
		// then
		assertThat(erase.exitCode()).as(erase.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(erase.err()).contains("error: no customer with id NOBODY");
		assertThat(export.exitCode()).as(export.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
	}

	@Test
	void shouldRefuseAMissingJobFile() {
		// given
		Path job = this.folder.resolve("absent.yml");
		// when
		Result result = tidings("run", job.toString(), "--home", home("missing"));
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(result.err()).contains("error: " + job + ": job file not found");
	}

	@Test
	void shouldRunACampaignAndDoNothingWhenItIsRunAgain() {
		// given
		Path job = TestCampaigns.smallCampaign(this.folder.resolve("campaign"));
		String home = home("run");
		// when
		Result first = tidings("run", job.toString(), "--as-of", "2026-09-30", "--home", home);
		Result again = tidings("run", job.toString(), "--as-of", "2026-09-30", "--home", home);
		// then
		assertThat(first.exitCode()).as(first.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(first.out()).contains("Run quarterly-statements/2026-09-30 completed.", "audience: 10 customers",
				"email cross_sell sent", "not sent:",
				"print  " + Path.of(home, "out", "quarterly-statements", "2026-09-30", "print"));
		assertThat(again.exitCode()).as(again.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(again.out())
			.contains("Run quarterly-statements/2026-09-30 had already completed; nothing was done.",
					"audience: 10 customers")
			.doesNotContain(" completed.");
	}

	@Test
	void shouldShowTheHistoryOfAMergedSourceRecordAndEachCommunication() throws IOException {
		// given
		Path job = TestCampaigns.smallCampaign(this.folder.resolve("campaign"));
		String home = home("history");
		Result run = tidings("run", job.toString(), "--as-of", "2026-09-30", "--home", home);
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(TidingsCommandLine.OK);
		// when
		Result history = tidings("history", "T910", "--home", home);
		// then
		assertThat(history.exitCode()).as(history.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(history.out()).contains("Customer T009: ", "(source record T910 was merged into this customer)",
				"Communications: 2", "quarterly-statements/2026-09-30  print statement  PRINTED",
				"quarterly-statements/2026-09-30  email cross_sell  SENT", "Responses: 0");
		List<String> reasons = lines(history.out(), "    why: ");
		assertThat(reasons).hasSize(2).allSatisfy(reason -> assertThat(reason).isNotBlank());
		assertThat(reasons)
			.anySatisfy(reason -> assertThat(reason).startsWith("print: legally required document goes on paper")
				.contains("offer on statement: "));
		assertThat(reasons).anySatisfy(reason -> assertThat(reason).startsWith("offer ").contains("; channel email: "));
		List<Path> documents = DOCUMENT_LINE.matcher(history.out()).results().map(m -> Path.of(m.group(1))).toList();
		assertThat(documents).hasSize(2)
			.allSatisfy(document -> assertThat(document).isRegularFile().startsWith(Path.of(home, "archive")));
		assertThat(documents).anySatisfy(document -> assertThat(document.toString()).endsWith(".pdf"));
		assertThat(documents).anySatisfy(document -> assertThat(document.toString()).endsWith(".eml"));
		List<String> ids = COMMUNICATION_LINE.matcher(history.out()).results().map(m -> m.group(1)).toList();
		assertThat(ids).hasSize(2);

		// when
		Result show = tidings("show", ids.get(0), "--home", home);
		// then
		assertThat(show.exitCode()).as(show.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(show.out()).contains("Communication " + ids.get(0), "run:      quarterly-statements/2026-09-30",
				"customer: T009", "why:      ", "document: " + Path.of(home, "archive"));

		// when
		Result raw = tidings("show", ids.get(0), "--raw", "--home", home);
		// then the exact archived bytes, the PDF/A archive copy of a printed document
		Path archived = documents.stream()
			.filter(document -> document.toString().contains(ids.get(0)))
			.findFirst()
			.orElseThrow();
		assertThat(raw.exitCode()).as(raw.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(raw.bytes()).isEqualTo(Files.readAllBytes(archived));
	}

	@Test
	void shouldWriteAProofPdfAndAnImageOfItsFirstPageForOneCustomer() throws IOException {
		// given the test customers imported
		Path job = TestCampaigns.smallCampaign(this.folder.resolve("campaign"));
		Path data = job.getParent();
		String home = home("preview");
		Result imported = tidings("import", data.resolve("customers.csv").toString(), "--mapping",
				TestCampaigns.PROJECT.resolve("samples/customers.mapping.yml").toString(), "--transactions",
				data.resolve("transactions.csv").toString(), "--home", home);
		assertThat(imported.exitCode()).as(imported.toString()).isEqualTo(TidingsCommandLine.OK);
		Path proof = this.folder.resolve("proofs/statement-T003.pdf");
		// when
		Result preview = tidings("preview", "statement/statement.ftlh", "--customer", "T003", "--job", job.toString(),
				"--as-of", "2026-09-30", "--out", proof.toString(), "--home", home);
		// then
		assertThat(preview.exitCode()).as(preview.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(preview.out()).contains("Proof: " + proof + " (1 page)",
				"Page 1: " + proof.resolveSibling("statement-T003.png"));
		try (PDDocument pdf = Loader.loadPDF(proof.toFile())) {
			assertThat(new PDFTextStripper().getText(pdf)).contains("Γιώργος Παπαδόπουλος", "Οδός Ερμού 25");
		}
		BufferedImage image = ImageIO.read(proof.resolveSibling("statement-T003.png").toFile());
		assertThat(image.getWidth()).isEqualTo(Math.round(210 / 25.4f * 110));
		assertThat(image.getHeight()).isEqualTo(Math.round(297 / 25.4f * 110));
		assertThat(darkPixels(image)).as("something is drawn").isGreaterThan(1000);

		// when a template file is given by its path, and a customer who does not exist
		Result mailer = tidings("preview", TestCampaigns.PROJECT.resolve("templates/mailer/cross-sell.ftlh").toString(),
				"--customer", "T003", "--job", job.toString(), "--out", proof.resolveSibling("mailer.pdf").toString(),
				"--home", home);
		Result nobody = tidings("preview", "statement/statement.ftlh", "--customer", "T404", "--job", job.toString(),
				"--home", home);
		// then
		assertThat(mailer.exitCode()).as(mailer.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(proof.resolveSibling("mailer.png")).isRegularFile();
		assertThat(nobody.exitCode()).as(nobody.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(nobody.err()).contains("error: no customer with id T404");
	}

	@Test
	void shouldRefuseToShowSomethingThatIsNotACommunicationId() {
		// when
		Result result = tidings("show", "not-an-id", "--home", home("show"));
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(result.err()).contains("error: 'not-an-id' is not a communication id");
	}

	@Test
	void shouldRefuseAnIngestKindThatIsNotSupportedYet() throws IOException {
		// given
		Path file = Files.writeString(this.folder.resolve("telegrams.csv"), "message_id,reason\n");
		// when
		Result result = tidings("ingest", file.toString(), "--kind", "telegrams", "--home", home("ingest"));
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(result.err()).contains("error: --kind telegrams is not supported yet; supported: responses");
	}

	@Test
	void shouldIngestABounceFileAndRejectWhatIsNotADeliveryStatusNotification() throws IOException {
		// given
		Path file = Files.writeString(this.folder.resolve("reply.eml"),
				"From: someone@example.com\nSubject: out of office\nContent-Type: text/plain\n\nBack on Monday.\n");
		// when
		Result result = tidings("ingest", file.toString(), "--kind", "bounces", "--home", home("bounces"));
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(result.out()).contains("Bounces: 1 records, 0 accepted, 1 rejected")
			.contains("Rejected records: " + this.folder.resolve("reply.rejects.csv"));
	}

	@Test
	void shouldImportACustomerFileAndPrintTheCounts() throws IOException {
		// given
		Path samples = Files.createDirectories(this.folder.resolve("samples"));
		for (String file : new String[] { "customers.csv", "customers.mapping.yml", "transactions.csv" }) {
			Files.copy(TestCampaigns.PROJECT.resolve("samples").resolve(file), samples.resolve(file),
					StandardCopyOption.REPLACE_EXISTING);
		}
		// when
		Result result = tidings("import", samples.resolve("customers.csv").toString(), "--mapping",
				samples.resolve("customers.mapping.yml").toString(), "--transactions",
				samples.resolve("transactions.csv").toString(), "--home", home("import"));
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(result.out())
			.contains("Customers: 248 records, 242 imported, 6 rejected",
					String.format(Locale.ROOT, "  %-28s %,8d", "new customer", 234),
					String.format(Locale.ROOT, "  %-28s %,8d", "same date of birth and similar name", 8),
					"Transactions: 1,275 records, 1,275 imported, 0 rejected",
					"Rejected customer records: " + samples.resolve("customers.rejects.csv"),
					"Dropped values: " + samples.resolve("customers.warnings.csv"))
			.doesNotContain("Rejected transactions");
	}

	private String home(String name) {
		return this.folder.resolve("home-" + name).toString();
	}

	private static List<String> lines(String text, String prefix) {
		return text.lines()
			.filter(line -> line.startsWith(prefix))
			.map(line -> line.substring(prefix.length()))
			.toList();
	}

	/**
	 * Runs the command with standard output and error captured; the command line creates
	 * its writers over {@code System.out} and {@code System.err} when it is called.
	 */
	static Result tidings(String... args) {
		PrintStream out = System.out;
		PrintStream err = System.err;
		ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
		ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
		try {
			System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
			int exitCode = TidingsCommandLine.execute(args);
			return new Result(exitCode, capturedOut.toByteArray(), capturedErr.toString(StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
	}

	private static long darkPixels(BufferedImage image) {
		long dark = 0;
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				dark += ((image.getRGB(x, y) & 0xff) < 128) ? 1 : 0;
			}
		}
		return dark;
	}

	record Result(int exitCode, byte[] bytes, String err) {

		String out() {
			return new String(this.bytes, StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return "exit code " + this.exitCode + "\n--- out:\n" + out() + "\n--- err:\n" + this.err;
		}

	}

}
