package io.tidings.print;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.tidings.archive.Archives;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.ComposedDocument;
import io.tidings.outbox.Composition;
import io.tidings.outbox.DecisionDetails;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.DocumentModel;
import io.tidings.outbox.RunRef;
import io.tidings.render.PdfAValidation;
import io.tidings.render.PdfRenderer;
import io.tidings.render.RenderSettings;
import io.tidings.render.TemplateEngine;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every PDF a campaign delivers, for each PDF template and each script the fonts cover,
 * as veraPDF reads it: PDF/A-2b for all; PDF/UA-1 for every tagged one, and only tagged
 * ones claim it. The documents are composed the way a run composes them: printed ones
 * laid out together and each taken out as the archived copy ({@code tidings show --raw},
 * the pages of the print streams), a statement for a paperless customer rendered for a
 * screen (the attachment of its email), and a printed mailer again with
 * {@code tidings.render.print-tagged=true}. Each document is rendered once for all the
 * checks on it.
 */
class PdfConformanceTests {

	private static final String STATEMENT = "statement/statement.ftlh";

	private static final String MAILER = "mailer/cross-sell.ftlh";

	private static final Map<Output, Map<String, Map<Script, byte[]>>> RENDERED = new ConcurrentHashMap<>();

	/**
	 * Where printed documents are kept, as a run's render stage keeps them (in batches).
	 */
	@TempDir
	static Path home;

	/**
	 * The scripts of the template folder's fonts, each a customer of
	 * {@link StatementSamples}, a number of transactions and a text of the offer in that
	 * script.
	 */
	enum Script {

		/** With a statement of two pages: its table header repeats on the second. */
		LATIN(0, 40, "Épargne-logement à taux fixe", "Économisez dès aujourd’hui: zéro frais, même à l’étranger."),

		GREEK(2, 8, "Στεγαστικό δάνειο με σταθερό επιτόκιο", "Εξοικονομήστε από σήμερα, χωρίς έξοδα φακέλου."),

		CYRILLIC(3, 8, "Іпотека з фіксованою ставкою", "Заощаджуйте вже сьогодні, без прихованих комісій."),

		CJK(4, 8, "固定利率住房贷款", "今天开始储蓄，零手续费。");

		private final int person;

		private final int transactions;

		private final String headline;

		private final String body;

		Script(int person, int transactions, String headline, String body) {
			this.person = person;
			this.transactions = transactions;
			this.headline = headline;
			this.body = body;
		}

	}

	/** What becomes of a rendered PDF. */
	enum Output {

		/** On paper: the archived copy the print streams take their pages from. */
		PRINTED(false),

		/** Attached to the email of a customer who chose electronic delivery. */
		EMAILED(true),

		/** On paper, with {@code tidings.render.print-tagged=true}. */
		PRINTED_TAGGED(true);

		private final boolean tagged;

		Output(boolean tagged) {
			this.tagged = tagged;
		}

	}

	static Stream<Arguments> documents() {
		List<Arguments> documents = new ArrayList<>();
		for (Output output : Output.values()) {
			// statements go by email (attached); mailers only on paper, tagged when
			// configured
			List<String> templates = switch (output) {
				case PRINTED -> List.of(STATEMENT, MAILER);
				case EMAILED -> List.of(STATEMENT);
				case PRINTED_TAGGED -> List.of(MAILER);
			};
			for (String template : templates) {
				for (Script script : Script.values()) {
					documents.add(Arguments.of(template, output, script));
				}
			}
		}
		return documents.stream();
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("documents")
	void shouldBePdfA2bAndPdfUa1WhenTagged(String template, Output output, Script script) throws IOException {
		// given the document as a run delivers it
		byte[] pdf = rendered(output, template).get(script);
		// then
		assertThat(PdfAValidation.violations(pdf, PDFAFlavour.PDFA_2_B)).as("PDF/A-2b").isEmpty();
		try (PDDocument document = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(document);
			assertThat(text).contains(fullName(script));
			for (Script other : Script.values()) {
				if (other != script) {
					assertThat(text).as("the pages of another customer's document").doesNotContain(fullName(other));
				}
			}
			String metadata = metadata(document);
			assertThat(metadata).contains("<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>");
			if (output.tagged) {
				assertThat(document.getDocumentCatalog().getStructureTreeRoot()).isNotNull();
				assertThat(metadata).contains("pdfuaid:part");
			}
			else {
				assertThat(document.getDocumentCatalog().getStructureTreeRoot()).isNull();
				assertThat(metadata).as("an untagged PDF claims no PDF/UA").doesNotContain("pdfuaid");
			}
		}
		if (output.tagged) {
			assertThat(PdfAValidation.violations(pdf, PDFAFlavour.PDFUA_1)).as("PDF/UA-1").isEmpty();
		}
	}

	private static Map<Script, byte[]> rendered(Output output, String template) {
		return RENDERED.computeIfAbsent(output, key -> new ConcurrentHashMap<>())
			.computeIfAbsent(template, key -> render(output, template));
	}

	/**
	 * Renders the template for a customer in each script: printed ones together, as a
	 * run's render stage does.
	 */
	private static Map<Script, byte[]> render(Output output, String template) {
		PrintDocumentComposer composer = new PrintDocumentComposer(new TemplateEngine(),
				new PdfRenderer(new RenderSettings(true, output == Output.PRINTED_TAGGED)), PrintSettings.defaults());
		Channel channel = (output == Output.EMAILED) ? Channel.EMAIL : Channel.PRINT;
		List<Composition.Request> requests = new ArrayList<>();
		for (Script script : Script.values()) {
			requests.add(new Composition.Request(communication(script, template, channel), model(script, template)));
		}
		List<Composition> compositions = composer.composeTogether(requests);
		Map<Script, byte[]> pdfs = new EnumMap<>(Script.class);
		for (Script script : Script.values()) {
			Composition composition = compositions.get(script.ordinal());
			assertThat(composition.rejection()).as(template + " " + script).isNull();
			ComposedDocument document = composition.document();
			assertThat(document).isNotNull();
			pdfs.put(script, Archives.asArchived(Archives.in(home), document.content(),
					Objects.requireNonNull(document.pageCount()), document.batch()));
		}
		return pdfs;
	}

	private static DocumentModel model(Script script, String template) {
		DocumentModel statement = StatementSamples.statement(script.person, script.transactions);
		if (STATEMENT.equals(template)) {
			return statement;
		}
		Map<String, Object> values = new HashMap<>(statement.values());
		values.remove("statement");
		values.put("offer", Map.of("code", "MORTGAGE", "name", "Mortgage", "headline", script.headline, "body",
				script.body, "callToAction", "+351 210 000 000", "sms", ""));
		values.put("communication", Map.of("id", id(script, template, Channel.PRINT).value(), "kind",
				DocumentKind.CROSS_SELL.name(), "channel", Channel.PRINT.name()));
		return new DocumentModel(statement.templatesRoot(), template, statement.locale(), values, Map.of());
	}

	private static Communication communication(Script script, String template, Channel channel) {
		DocumentKind kind = STATEMENT.equals(template) ? DocumentKind.STATEMENT : DocumentKind.CROSS_SELL;
		return new Communication(id(script, template, channel), new RunRef("conformance", "2026-09-30"),
				StatementSamples.customerId(script.person), channel, kind, null, template, "test",
				CommunicationState.PLANNED, null, null, null, null, null, Instant.EPOCH, null, null, null, null, null,
				null, null, null, DecisionDetails.NONE);
	}

	private static CommunicationId id(Script script, String template, Channel channel) {
		return CommunicationId.of("conformance", "2026-09-30", StatementSamples.customerId(script.person), channel,
				STATEMENT.equals(template) ? DocumentKind.STATEMENT : DocumentKind.CROSS_SELL);
	}

	private static String fullName(Script script) {
		return StatementSamples.fullName(script.person);
	}

	private static String metadata(PDDocument document) throws IOException {
		PDMetadata metadata = document.getDocumentCatalog().getMetadata();
		assertThat(metadata).as("XMP metadata").isNotNull();
		return new String(metadata.toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
	}

}
