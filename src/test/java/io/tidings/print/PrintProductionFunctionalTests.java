package io.tidings.print;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripperByArea;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.tidings.archive.DocumentArchive;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DocumentKind;
import io.tidings.render.PdfAValidation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs a campaign whose documents all go on paper, with streams of six sheets and a
 * head-office copy of every statement, and reads what the print shop gets back with
 * PDFBox: streams, manifest, job ticket, checksums and {@code DONE}.
 */
@SpringBootTest(properties = { "tidings.print.stream-sheets=6",
		"tidings.print.kinds.statement.copies[0].code=head-office",
		"tidings.print.kinds.statement.copies[0].name=Tidings Bank Head Office",
		"tidings.print.kinds.statement.copies[0].address[0]=Rua do Ouro 10",
		"tidings.print.kinds.statement.copies[0].postcode=1100-060",
		"tidings.print.kinds.statement.copies[0].city=Lisboa", "tidings.print.kinds.statement.copies[0].country=PT" })
class PrintProductionFunctionalTests {

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
	PrintSettings settings;

	@Autowired
	PrintReprints reprints;

	static RunReport report;

	static Path print;

	static List<CSVRecord> manifest;

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@BeforeEach
	void runTheCampaignOnce() throws IOException {
		if (report != null) {
			return;
		}
		report = this.runner.run(PrintCampaigns.households(folder.resolve("campaign")), LocalDate.of(2026, 9, 30),
				false);
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		print = report.outputFolder().resolve("print");
		try (Reader in = Files.newBufferedReader(print.resolve("manifest.csv"))) {
			manifest = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
		}
	}

	@Test
	void shouldListEveryPrintedDocumentOnceAndEveryCopyOnceInTheManifest() {
		List<Communication> printed = communications(CommunicationState.PRINTED);
		assertThat(printed).hasSize(15);
		assertThat(manifest).filteredOn(row -> row.get("recipient").equals("customer"))
			.extracting(row -> row.get("communication_id"))
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(printed.stream().map(c -> c.id().value()).toList());
		assertThat(manifest).filteredOn(row -> row.get("recipient").equals("head-office"))
			.extracting(row -> row.get("communication_id"))
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(
					printed.stream().filter(c -> c.kind() == DocumentKind.STATEMENT).map(c -> c.id().value()).toList());
		for (CSVRecord row : manifest) {
			Communication communication = this.communications
				.find(new io.tidings.outbox.CommunicationId(row.get("communication_id")))
				.orElseThrow();
			assertThat(row.get("customer_id")).isEqualTo(communication.customerId());
			assertThat(row.get("sha256")).isEqualTo(communication.contentSha256());
			assertThat(row.get("pages")).isEqualTo(String.valueOf(communication.pageCount()));
			if (row.get("recipient").equals("customer")) {
				assertThat(communication.deliveryRef()).contains(row.get("file"),
						"pages " + row.get("first_page") + "-", "envelope " + row.get("envelope_id"));
			}
		}
	}

	@Test
	void shouldSortByMailClassThenCountryAndPostcodeAndKeepEachEnvelopeTogether() {
		List<String> classes = manifest.stream().map(row -> row.get("mail_class")).toList();
		assertThat(classes).isSortedAccordingTo(Comparator.comparingInt(this.settings.mailClasses()::indexOf))
			.contains("first", "second");
		for (String mailClass : Set.copyOf(classes)) {
			List<String> countries = manifest.stream()
				.filter(row -> row.get("mail_class").equals(mailClass))
				.map(row -> row.get("country"))
				.toList();
			assertThat(countries).as(mailClass).isSorted();
		}
		assertThat(
				manifest.stream().filter(row -> row.get("mail_class").equals("first")).map(row -> row.get("country")))
			.containsSubsequence("CN", "DE", "GB", "GR", "PT", "UA");
		Map<String, String> classOfStream = new HashMap<>();
		for (CSVRecord row : manifest) {
			assertThat(classOfStream.putIfAbsent(row.get("file"), row.get("mail_class")))
				.as("one mail class in %s", row.get("file"))
				.isIn(null, row.get("mail_class"));
		}
		List<String> envelopes = manifest.stream().map(row -> row.get("envelope_id")).toList();
		assertThat(envelopes).isSorted();
		Map<String, String> streamOfEnvelope = new HashMap<>();
		for (CSVRecord row : manifest) {
			assertThat(streamOfEnvelope.putIfAbsent(row.get("envelope_id"), row.get("file")))
				.as("envelope %s in one stream", row.get("envelope_id"))
				.isIn(null, row.get("file"));
		}
	}

	@Test
	void shouldPutTheMailersOfOneHouseholdInOneEnvelopeAndEveryStatementInItsOwn() {
		String anasMailer = envelope("P001", DocumentKind.CROSS_SELL);
		String ruisMailer = envelope("P002", DocumentKind.CROSS_SELL);
		String inesMailer = envelope("P003", DocumentKind.CROSS_SELL);
		assertThat(anasMailer).isEqualTo(ruisMailer).isNotEqualTo(inesMailer);
		assertThat(envelope("P001", DocumentKind.STATEMENT)).isNotEqualTo(envelope("P002", DocumentKind.STATEMENT))
			.isNotEqualTo(anasMailer);
		Map<String, Long> documentsPerEnvelope = manifest.stream()
			.collect(Collectors.groupingBy(row -> row.get("envelope_id"), Collectors.counting()));
		assertThat(documentsPerEnvelope.get(anasMailer)).isEqualTo(2);
		assertThat(documentsPerEnvelope.values().stream().filter(count -> count > 1)).hasSize(1);
		CSVRecord ana = row("P001", DocumentKind.CROSS_SELL, "customer");
		assertThat(ana.get("envelope_sheets")).isEqualTo("2");
		assertThat(ana.get("presort_key"))
			.isEqualTo(row("P002", DocumentKind.CROSS_SELL, "customer").get("presort_key"))
			.startsWith("PT-1100048-");
		assertThat(ana.get("mail_class")).isEqualTo("second");
		assertThat(row("P001", DocumentKind.STATEMENT, "customer").get("mail_class")).isEqualTo("first");
	}

	@Test
	void shouldReportAnAddressTooLongForTheWindowAndNotPrintIt() {
		Communication statement = only("P009", DocumentKind.STATEMENT);
		assertThat(statement.state()).isEqualTo(CommunicationState.FAILED);
		assertThat(statement.stateReason())
			.matches("address line \\d is \\d+\\.\\d mm wide; the envelope window is 85\\.0 mm");
		assertThat(manifest).noneMatch(row -> row.get("customer_id").equals("P009"));
	}

	@Test
	void shouldPrintEveryNameInEveryScriptWhereTheManifestSays() throws IOException {
		for (CSVRecord row : manifest) {
			Customer customer = this.customers.findById(row.get("customer_id")).orElseThrow();
			try (PDDocument stream = Loader.loadPDF(print.resolve(row.get("file")).toFile())) {
				String text = PrintedPages.text(stream, Integer.parseInt(row.get("first_page")),
						Integer.parseInt(row.get("last_page")));
				assertThat(text).as(row.toString()).contains(customer.fullName(), row.get("communication_id"));
				if (row.get("recipient").equals("head-office")) {
					assertThat(text).contains("Tidings Bank Head Office",
							"Copy of document " + row.get("communication_id"), "COPY · head-office");
				}
			}
		}
		assertThat(manifest).extracting(row -> row.get("customer_id")).contains("P004", "P005", "P006", "P007", "P008");
	}

	@Test
	void shouldEmbedEveryFontOncePerStream() throws IOException {
		for (Path file : streams()) {
			try (PDDocument stream = Loader.loadPDF(file.toFile())) {
				Map<String, Set<COSDictionary>> fontsByName = new HashMap<>();
				for (int page = 1; page <= stream.getNumberOfPages(); page++) {
					for (PDFont font : PrintedPages.fonts(stream, page)) {
						assertThat(font.isEmbedded()).as(file.getFileName() + " page " + page + " " + font.getName())
							.isTrue();
						fontsByName.computeIfAbsent(font.getName().substring(7), name -> new HashSet<>())
							.add(font.getCOSObject());
					}
				}
				assertThat(fontsByName).as(file.getFileName() + " fonts").isNotEmpty();
				fontsByName.forEach((name, fonts) -> assertThat(fonts).as(file.getFileName() + " " + name).hasSize(1));
			}
		}
	}

	@Test
	void shouldGiveEveryStreamAnOutputIntentAndPrintBlackTextInBlackInkOnly() throws IOException {
		for (Path file : streams()) {
			try (PDDocument stream = Loader.loadPDF(file.toFile())) {
				assertThat(stream.getDocumentCatalog().getOutputIntents()).as(file.getFileName() + " output intent")
					.hasSize(1);
				for (int page = 1; page <= stream.getNumberOfPages(); page++) {
					assertThat(PrintedPages.colours(stream, page)).as(file.getFileName() + " page " + page)
						.noneMatch(colour -> colour.matches("(\\S+) \\1 \\1 (rg|RG)"));
				}
				assertThat(PrintedPages.colours(stream, 1)).contains("0 g");
			}
		}
	}

	@Test
	void shouldWriteStreamsThatQpdfFindsNoErrorIn() throws Exception {
		assumeTrue(Qpdf.available(), "qpdf is not installed (bash .ci/run installs it)");
		for (Path file : streams()) {
			assertThat(Qpdf.check(file)).as(file.getFileName().toString())
				.contains("No syntax or stream encoding errors found")
				.doesNotContain("WARNING");
		}
	}

	@Test
	void shouldStartEveryDocumentOnAFrontWithAMarkThatDecodesToItsEnvelopeAndSheet() throws IOException {
		Map<String, List<CSVRecord>> rowsByStream = new LinkedHashMap<>();
		manifest.forEach(row -> rowsByStream.computeIfAbsent(row.get("file"), file -> new ArrayList<>()).add(row));
		assertThat(rowsByStream).hasSizeGreaterThan(2);
		for (Map.Entry<String, List<CSVRecord>> entry : rowsByStream.entrySet()) {
			try (PDDocument stream = Loader.loadPDF(print.resolve(entry.getKey()).toFile())) {
				int expectedFirst = 1;
				int sheetsInStream = 0;
				for (CSVRecord row : entry.getValue()) {
					int first = Integer.parseInt(row.get("first_page"));
					int last = Integer.parseInt(row.get("last_page"));
					int sheets = Integer.parseInt(row.get("sheets"));
					assertThat(first).as(row.toString()).isEqualTo(expectedFirst).isOdd();
					assertThat(last - first + 1).as("duplex job: two sides per sheet").isEqualTo(2 * sheets);
					for (int page = first; page <= last; page += 2) {
						BufferedImage front = PrintedPages.image(stream, page);
						InserterCode code = InserterCode
							.parse(PrintedPages.dataMatrix(front, this.settings.clearZone()));
						assertThat(code.envelopeId()).isEqualTo(row.get("envelope_id"));
						assertThat(code.sheets()).isEqualTo(Integer.parseInt(row.get("envelope_sheets")));
					}
					boolean blankBack = Integer.parseInt(row.get("pages")) % 2 == 1
							|| !row.get("document_kind").equals("STATEMENT");
					assertThat(PrintedPages.text(stream, last, last).strip().isEmpty())
						.as(row + " ends on a blank back")
						.isEqualTo(blankBack);
					expectedFirst = last + 1;
					sheetsInStream += sheets;
				}
				assertThat(stream.getNumberOfPages()).isEqualTo(expectedFirst - 1);
				assertThat(sheetsInStream).isLessThanOrEqualTo(6);
			}
		}
		CSVRecord ana = row("P001", DocumentKind.CROSS_SELL, "customer");
		CSVRecord rui = row("P002", DocumentKind.CROSS_SELL, "customer");
		try (PDDocument stream = Loader.loadPDF(print.resolve(ana.get("file")).toFile())) {
			assertThat(sheet(stream, ana)).isEqualTo(new InserterCode(ana.get("envelope_id"), 1, 2));
			assertThat(sheet(stream, rui)).isEqualTo(new InserterCode(ana.get("envelope_id"), 2, 2));
		}
		CSVRecord longStatement = row("P001", DocumentKind.STATEMENT, "customer");
		assertThat(Integer.parseInt(longStatement.get("pages"))).as("70 transactions go on over the next page")
			.isGreaterThan(1);
		try (PDDocument stream = Loader.loadPDF(print.resolve(longStatement.get("file")).toFile())) {
			int first = Integer.parseInt(longStatement.get("first_page"));
			int sheets = Integer.parseInt(longStatement.get("sheets"));
			assertThat(sheets).isEqualTo((Integer.parseInt(longStatement.get("pages")) + 1) / 2);
			for (int sheet = 1; sheet <= sheets; sheet++) {
				BufferedImage front = PrintedPages.image(stream, first + 2 * (sheet - 1));
				assertThat(InserterCode.parse(PrintedPages.dataMatrix(front, this.settings.clearZone())))
					.isEqualTo(new InserterCode(longStatement.get("envelope_id"), sheet, sheets));
			}
			assertThat(PrintedPages.text(stream, first + 1, first + 1)).as("the second page on the back of the first")
				.contains("Card payment");
		}
	}

	@Test
	void shouldShowTheEnvelopeIdInTheAddressWindowAsADataMatrixAPostRoomScans() throws Exception {
		PrintSettings.WindowCode window = this.settings.windowCode();
		CSVRecord household = row("P001", DocumentKind.CROSS_SELL, "customer");
		CSVRecord secondOfHousehold = row("P002", DocumentKind.CROSS_SELL, "customer");
		assertThat(secondOfHousehold.get("envelope_id")).isEqualTo(household.get("envelope_id"));
		// a household's envelope, a statement's with two sheets and a recipient's copy
		for (CSVRecord row : List.of(household, row("P001", DocumentKind.STATEMENT, "customer"),
				row("P001", DocumentKind.STATEMENT, "head-office"))) {
			try (PDDocument stream = Loader.loadPDF(print.resolve(row.get("file")).toFile())) {
				int page = Integer.parseInt(row.get("first_page"));
				BufferedImage front = new PDFRenderer(stream).renderImageWithDPI(page - 1, 300, ImageType.RGB);
				assertThat(PrintedPages.dataMatrix(front, 300, window.x(), window.y(), window.size()))
					.as("window of " + row.get("envelope_id"))
					.isEqualTo(row.get("envelope_id"));
				assertThat(
						textIn(stream, page, window.x() - 0.5, window.y() - 0.5, window.size() + 1, window.size() + 1))
					.as("letter text under the code")
					.isBlank();
				assertThat(textIn(stream, page, 20, window.y(), 90, 40)).as("the address in the window").isNotBlank();
				assertThat(darkAround(front, 300, window)).as("ink in the quiet zone around the code").isEmpty();
				assertThat(Dmtxread.decode(PrintedPages.region(front, 300, window.x(), window.y(), window.size())))
					.as("dmtxread, where it is installed")
					.isIn(row.get("envelope_id"), null);
			}
		}
		// and only on the first sheet of an envelope
		try (PDDocument stream = Loader.loadPDF(print.resolve(secondOfHousehold.get("file")).toFile())) {
			BufferedImage front = PrintedPages.image(stream, Integer.parseInt(secondOfHousehold.get("first_page")));
			assertThat(PrintedPages.dataMatrix(front, PrintedPages.DPI, window.x(), window.y(), window.size()))
				.isNull();
		}
	}

	/**
	 * Dark pixels of a page rendered at some resolution in a 0.65 mm ring around the
	 * symbol of the window code: its quiet zone and half a millimetre beyond.
	 */
	private static List<String> darkAround(BufferedImage page, int dpi, PrintSettings.WindowCode window) {
		double pxPerMm = dpi / 25.4;
		int outerLeft = (int) Math.round((window.x() - 0.5) * pxPerMm);
		int outerTop = (int) Math.round((window.y() - 0.5) * pxPerMm);
		int outerRight = (int) Math.round((window.x() + window.size() + 0.5) * pxPerMm);
		int outerBottom = (int) Math.round((window.y() + window.size() + 0.5) * pxPerMm);
		int inner = (int) Math.round(0.65 * pxPerMm);
		List<String> dark = new ArrayList<>();
		for (int y = outerTop; y < outerBottom; y++) {
			for (int x = outerLeft; x < outerRight; x++) {
				boolean ring = x < outerLeft + inner || x >= outerRight - inner || y < outerTop + inner
						|| y >= outerBottom - inner;
				int rgb = page.getRGB(x, y);
				if (ring && ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 3 * 160) {
					dark.add("%.1f,%.1f mm".formatted(x / pxPerMm, y / pxPerMm));
				}
			}
		}
		return dark;
	}

	/** The text of a page that falls in a rectangle, in mm from its top-left corner. */
	private static String textIn(PDDocument stream, int page, double x, double y, double width, double height)
			throws IOException {
		PDFTextStripperByArea stripper = new PDFTextStripperByArea();
		float points = 72f / 25.4f;
		stripper.addRegion("code", new Rectangle2D.Double(x * points, y * points, width * points, height * points));
		stripper.extractRegions(stream.getPage(page - 1));
		return stripper.getTextForRegion("code");
	}

	@Test
	void shouldWriteAJobTicketChecksumsAndTheDoneMarkerLast() throws Exception {
		JsonNode ticket = JsonMapper.builder().build().readTree(print.resolve("job-ticket.json").toFile());
		assertThat(ticket.get("plex").asString()).isEqualTo("duplex");
		assertThat(ticket.get("documents").asInt()).isEqualTo(manifest.size()).isEqualTo(23);
		assertThat(ticket.get("copies").asInt()).isEqualTo(8);
		assertThat(ticket.get("envelopes").asInt())
			.isEqualTo((int) manifest.stream().map(row -> row.get("envelope_id")).distinct().count());
		assertThat(ticket.get("streams")).hasSize(streams().size());
		List<String> sums = Files.readAllLines(print.resolve("SHA256SUMS"));
		assertThat(sums).hasSize(streams().size() + 2);
		for (String line : sums) {
			String[] parts = line.split("  ", 2);
			assertThat(sha256(print.resolve(parts[1]))).as(parts[1]).isEqualTo(parts[0]);
		}
		Path done = print.resolve("DONE");
		assertThat(Files.readString(done)).contains("documents=23", "envelopes=", "sheets=", "streams=");
		try (Stream<Path> files = Files.list(print)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				assertThat(Files.getLastModifiedTime(file)).as(file.getFileName() + " before DONE")
					.isLessThanOrEqualTo(Files.getLastModifiedTime(done));
			}
		}
	}

	@Test
	void shouldArchiveEveryPrintedDocumentAsPdfA2b() throws IOException {
		for (Communication printed : communications(CommunicationState.PRINTED)) {
			// as tidings show --raw, the console and the privacy export give it back
			byte[] pdf = this.archive.read(printed.archivePath()).orElseThrow();
			assertThat(PdfAValidation.violations(pdf, PDFAFlavour.PDFA_2_B))
				.as(printed.customerId() + " " + printed.kind())
				.isEmpty();
			try (PDDocument document = Loader.loadPDF(pdf)) {
				assertThat(document.getDocumentCatalog().getStructureTreeRoot())
					.as("a printed page needs no structure tree")
					.isNull();
			}
		}
	}

	@Test
	void shouldWriteEveryPrintStreamAsPdfA2b() throws IOException {
		for (Path stream : streams()) {
			assertThat(PdfAValidation.violations(Files.readAllBytes(stream), PDFAFlavour.PDFA_2_B))
				.as(stream.getFileName().toString())
				.isEmpty();
		}
	}

	@Test
	void shouldReprintSpoiledEnvelopesWithTheSameDocumentsAndEnvelopeIdsOnce() throws Exception {
		// given a spoils report naming the Silva household's envelope and a head-office
		// copy
		String household = envelope("P001", DocumentKind.CROSS_SELL);
		String copy = row("P005", DocumentKind.STATEMENT, "head-office").get("envelope_id");
		Path spoils = Files.writeString(folder.resolve("spoils.csv"), "envelope_id,reason\n" + household + ",jammed\n"
				+ copy.toLowerCase(java.util.Locale.ROOT) + ",torn\n" + household + ",jammed again\n");
		// when
		PrintReprints.ReprintReport report = this.reprints.ingestSpoils(spoils);
		PrintReprints.ReprintReport again = this.reprints.ingestSpoils(spoils);
		// then
		assertThat(report.alreadyIngested()).isFalse();
		assertThat(report.unknownEnvelopes()).isEmpty();
		assertThat(report.reprints()).singleElement().satisfies(reprint -> {
			assertThat(reprint.envelopes()).isEqualTo(2);
			assertThat(reprint.documents()).isEqualTo(3);
			assertThat(reprint.folder()).isEqualTo(print.resolve("reprint-001"));
		});
		assertThat(again.alreadyIngested()).isTrue();
		Path reprint = print.resolve("reprint-001");
		try (Stream<Path> files = Files.list(reprint)) {
			// a first-class statement copy and a second-class mailer: a stream for each
			// class
			assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("stream-0001.pdf",
					"stream-0002.pdf", "manifest.csv", "job-ticket.json", "SHA256SUMS", "DONE");
		}
		List<CSVRecord> rows;
		try (Reader in = Files.newBufferedReader(reprint.resolve("manifest.csv"))) {
			rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
		}
		assertThat(rows)
			.extracting(row -> row.get("envelope_id") + " " + row.get("communication_id") + " " + row.get("recipient"))
			.containsExactlyElementsOf(manifest.stream()
				.filter(row -> row.get("envelope_id").equals(household) || row.get("envelope_id").equals(copy))
				.map(row -> row.get("envelope_id") + " " + row.get("communication_id") + " " + row.get("recipient"))
				.toList());
		for (CSVRecord row : rows) {
			try (PDDocument stream = Loader.loadPDF(reprint.resolve(row.get("file")).toFile())) {
				String text = PrintedPages.text(stream, Integer.parseInt(row.get("first_page")),
						Integer.parseInt(row.get("last_page")));
				assertThat(text).contains(row.get("communication_id"));
				if (row.get("envelope_id").equals(household) && row.get("first_page").equals("1")) {
					assertThat(sheet(stream, row)).isEqualTo(new InserterCode(household, 1, 2));
				}
				if (row.get("envelope_id").equals(copy)) {
					assertThat(text).contains("Tidings Bank Head Office");
				}
			}
		}
		assertThat(Files.readString(print.resolve("manifest.csv"))).as("the run's own job is left alone")
			.doesNotContain("reprint");
	}

	@Test
	void shouldReportEnvelopeIdsNoRunPrinted() throws IOException {
		Path spoils = Files.writeString(folder.resolve("unknown-spoils.csv"), "envelope_id\nZZZZZZZZ-00000001\n");
		PrintReprints.ReprintReport report = this.reprints.ingestSpoils(spoils);
		assertThat(report.reprints()).isEmpty();
		assertThat(report.unknownEnvelopes()).containsExactly("ZZZZZZZZ-00000001");
	}

	private InserterCode sheet(PDDocument stream, CSVRecord row) throws IOException {
		BufferedImage front = PrintedPages.image(stream, Integer.parseInt(row.get("first_page")));
		return InserterCode.parse(PrintedPages.dataMatrix(front, this.settings.clearZone()));
	}

	private List<Path> streams() throws IOException {
		try (Stream<Path> files = Files.list(print)) {
			return files.filter(file -> file.getFileName().toString().startsWith("stream-")).sorted().toList();
		}
	}

	private String envelope(String customerId, DocumentKind kind) {
		return row(customerId, kind, "customer").get("envelope_id");
	}

	private CSVRecord row(String customerId, DocumentKind kind, String recipient) {
		return manifest.stream()
			.filter(row -> row.get("customer_id").equals(customerId) && row.get("document_kind").equals(kind.name())
					&& row.get("recipient").equals(recipient))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " of " + customerId + " in the manifest"));
	}

	private Communication only(String customerId, DocumentKind kind) {
		return this.communications.findByCustomer(customerId)
			.stream()
			.filter(c -> c.run().equals(report.run()) && c.kind() == kind)
			.findFirst()
			.orElseThrow();
	}

	private List<Communication> communications(CommunicationState state) {
		List<Communication> found = new ArrayList<>();
		this.readers.forEach(report.run(), Channel.PRINT, state, found::add);
		return found;
	}

	private static String sha256(Path file) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}

}
