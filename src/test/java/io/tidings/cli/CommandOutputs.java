package io.tidings.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What commands print and write for the test data ({@link io.tidings.TestCampaigns}, the
 * sample files), checked alike when the command runs in-process
 * ({@link TidingsCommandLineTests}) and when it runs in the packaged jar
 * ({@link PackagedCommandsIntegrationTests}).
 */
final class CommandOutputs {

	private static final Pattern COMMUNICATION_LINE = Pattern
		.compile("^- \\S+  ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})  ", Pattern.MULTILINE);

	private static final Pattern DOCUMENT_LINE = Pattern.compile("^    document: (.+?)(?:, pages? [\\d-]+)?$",
			Pattern.MULTILINE);

	private CommandOutputs() {
	}

	/**
	 * Checks {@code history T910} after the small campaign's run of 2026-09-30: source
	 * record T910 was merged into T009, who was sent a printed statement and a cross-sell
	 * email, each with why and its archived document.
	 * @return the ids of the two communications
	 */
	static List<String> assertHistoryOfMergedSourceRecord(CommandResult history, Path home) {
		assertThat(history.exitCode()).as(history.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(history.out()).contains("Customer T009: ", "(source record T910 was merged into this customer)",
				"Communications: 2", "quarterly-statements/2026-09-30  print statement  PRINTED",
				"quarterly-statements/2026-09-30  email cross_sell  SENT");
		List<String> reasons = lines(history.out(), "    why: ");
		assertThat(reasons).hasSize(2).allSatisfy(reason -> assertThat(reason).isNotBlank());
		assertThat(reasons)
			.anySatisfy(reason -> assertThat(reason).startsWith("print: legally required document goes on paper")
				.contains("offer on statement: "));
		assertThat(reasons).anySatisfy(reason -> assertThat(reason).startsWith("offer ").contains("; channel email: "));
		List<Path> documents = documents(history);
		assertThat(documents).hasSize(2)
			.allSatisfy(document -> assertThat(document).isRegularFile().startsWith(home.resolve("archive")));
		assertThat(documents).anySatisfy(document -> assertThat(document.toString()).endsWith(".pdf"));
		assertThat(documents).anySatisfy(document -> assertThat(document.toString()).endsWith(".eml"));
		List<String> ids = COMMUNICATION_LINE.matcher(history.out()).results().map(m -> m.group(1)).toList();
		assertThat(ids).hasSize(2);
		return ids;
	}

	/**
	 * The archived documents a {@code history} lists.
	 */
	static List<Path> documents(CommandResult history) {
		return DOCUMENT_LINE.matcher(history.out()).results().map(m -> Path.of(m.group(1))).toList();
	}

	/**
	 * Checks {@code show <id>} of one of T009's communications of the small campaign.
	 */
	static void assertShowsCommunicationOfT009(CommandResult show, String id, Path home) {
		assertThat(show.exitCode()).as(show.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(show.out()).contains("Communication " + id, "run:      quarterly-statements/2026-09-30",
				"customer: T009", "why:      ", "document: " + home.resolve("archive"));
	}

	/**
	 * Checks the proof of {@code statement/statement.ftlh} for T003 (in Greek): a
	 * one-page PDF with the name and address spelt right, and an image of the page at 110
	 * dpi.
	 */
	static void assertStatementProofOfT003(CommandResult preview, Path proof) throws IOException {
		Path image = proof.resolveSibling(proof.getFileName().toString().replace(".pdf", ".png"));
		assertThat(preview.exitCode()).as(preview.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(preview.out()).contains("Proof: " + proof + " (1 page)", "Page 1: " + image);
		try (PDDocument pdf = Loader.loadPDF(proof.toFile())) {
			assertThat(new PDFTextStripper().getText(pdf)).contains("Γιώργος Παπαδόπουλος", "Οδός Ερμού 25");
		}
		BufferedImage page = ImageIO.read(image.toFile());
		assertThat(page.getWidth()).isEqualTo(Math.round(210 / 25.4f * 110));
		assertThat(page.getHeight()).isEqualTo(Math.round(297 / 25.4f * 110));
		assertThat(darkPixels(page)).as("something is drawn").isGreaterThan(1000);
	}

	/**
	 * Checks {@code import} of the sample customers and transactions
	 * ({@code samples/README.md} lists their defects and duplicates).
	 */
	static void assertSampleCustomersImported(CommandResult result, Path samples) {
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

	private static List<String> lines(String text, String prefix) {
		return text.lines()
			.filter(line -> line.startsWith(prefix))
			.map(line -> line.substring(prefix.length()))
			.toList();
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

}
