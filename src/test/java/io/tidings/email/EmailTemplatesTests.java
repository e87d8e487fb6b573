package io.tidings.email;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.util.FileSystemUtils;

import io.tidings.TestCampaigns;
import io.tidings.outbox.DocumentModel;
import io.tidings.render.TemplateEngine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's email templates as written: fluid outside Outlook's own comments, with
 * dark-mode colours declared, and the reading direction of the customer's language. (How
 * they lay out in a browser is checked in {@code SmtpEmailDeliveryFunctionalTests}.)
 */
class EmailTemplatesTests {

	private static final Path TEMPLATES = TestCampaigns.PROJECT.resolve("templates");

	/** What only Outlook for Windows reads. */
	private static final Pattern OUTLOOK_ONLY = Pattern.compile("<!--\\[if mso\\]>.*?<!\\[endif\\]-->", Pattern.DOTALL);

	/** A width attribute or a CSS width (not max-width) in pixels. */
	private static final Pattern FIXED_WIDTH = Pattern
		.compile("(?<![-\\w])width\\s*(?:=\\s*\"|:\\s*)(\\d+)(?:px)?[\";\\s]");

	@ParameterizedTest
	@ValueSource(strings = { "cross-sell.html.ftlh", "statement.html.ftlh" })
	void shouldBeFluidOutsideOutlooksOwnMarkup(String template) throws IOException {
		// given
		String source = Files.readString(TEMPLATES.resolve("email").resolve(template));
		// when
		String everyApp = OUTLOOK_ONLY.matcher(source).replaceAll("");
		// then
		Matcher width = FIXED_WIDTH.matcher(everyApp);
		while (width.find()) {
			assertThat(Integer.parseInt(width.group(1))).as("%s: %s", template, width.group()).isLessThanOrEqualTo(320);
		}
		assertThat(everyApp).contains("max-width:600px")
			.contains("<meta name=\"color-scheme\" content=\"light dark\">")
			.contains("@media (prefers-color-scheme: dark)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "cross-sell.html.ftlh", "statement.html.ftlh" })
	void shouldDeclareTheLanguageAndItsDirection(String template, @TempDir Path folder) throws IOException {
		// given the templates with a bundle for Arabic (its texts English: only the
		// direction matters here)
		Path templates = folder.resolve("templates");
		FileSystemUtils.copyRecursively(TEMPLATES, templates);
		Files.copy(templates.resolve("messages/messages_en.properties"),
				templates.resolve("messages/messages_ar.properties"));
		TemplateEngine engine = new TemplateEngine();
		// when
		String arabic = engine.render(model(templates, template, "ar", "SA"));
		String greek = engine.render(model(templates, template, "el", "GR"));
		// then
		assertThat(arabic).contains("<html lang=\"ar\" dir=\"rtl\">");
		assertThat(greek).contains("<html lang=\"el\" dir=\"ltr\">");
	}

	private static DocumentModel model(Path templates, String template, String language, String country) {
		Map<String, Object> values = Map.of("customer",
				Map.of("language", language, "salutation", "Ms", "lastName", "Customer", "fullName", "Customer",
						"currency", "EUR"),
				"document", Map.of("language", language, "languageSource", "customer's"), "sender",
				Map.of("name", "Tidings Bank", "phone", "+351 210 000 000", "website", "bank.example", "address",
						List.of("Praça do Comércio 1")),
				"links", Map.of("preferences", "https://bank.example/p", "interest", "https://bank.example/i"), "offer",
				Map.of("headline", "Headline", "body", "Body", "callToAction", "Call"), "statement", Map.of("number",
						"7", "periodStart", "1", "periodEnd", "2", "closingBalance", new BigDecimal("144096.32")));
		return new DocumentModel(templates, "email/" + template, Locale.forLanguageTag(language + "-" + country),
				values, Map.of());
	}

}
