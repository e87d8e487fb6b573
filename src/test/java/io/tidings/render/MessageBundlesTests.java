package io.tidings.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message bundles shipped in templates/messages: complete, parseable, one for every
 * language of the sample customers; a missing key is a failure here, never English at run
 * time.
 */
class MessageBundlesTests {

	private static final Path TEMPLATES = Path.of("templates");

	@Test
	void shouldShipBundlesWithEveryKeyOfTheBaseBundleAndEveryKeyTheTemplatesUseAndOnlyPatternsThatParse() {
		// given
		MessageBundles bundles = MessageBundles.load(TEMPLATES);
		// when
		List<String> problems = bundles.problems("en");
		// then
		assertThat(problems).isEmpty();
		assertThat(bundles.usedKeys()).contains("statement.title", "salutation", "address.recipient",
				"link.preferences");
		bundles.languages().forEach(language -> assertThat(bundles.covers(language)).as(language).isTrue());
	}

	@Test
	void shouldShipABundleForEveryLanguageOfTheSampleCustomers() throws IOException {
		// given
		Set<String> languages = new TreeSet<>();
		List<String> rows = Files.readAllLines(Path.of("samples/customers.csv"), StandardCharsets.UTF_8);
		int column = List.of(rows.get(0).split(",")).indexOf("language");
		rows.stream().skip(1).map(row -> row.split(",", -1)[column]).forEach(languages::add);
		// when
		MessageBundles bundles = MessageBundles.load(TEMPLATES);
		// then
		assertThat(languages).hasSizeGreaterThanOrEqualTo(19);
		assertThat(bundles.languages()).containsAll(languages);
	}

	@Test
	void shouldFormatPluralsAndSalutationsByTheLanguagesOwnRules() {
		// given
		MessageBundles bundles = MessageBundles.load(TEMPLATES);
		Messages polish = bundles.messages("pl").orElseThrow();
		Messages english = bundles.messages("en").orElseThrow();
		Messages german = bundles.messages("de").orElseThrow();
		// when / then
		assertThat(polish.format("statement.transactions", Map.of("count", 1))).isEqualTo("1 transakcja");
		assertThat(polish.format("statement.transactions", Map.of("count", 3))).isEqualTo("3 transakcje");
		assertThat(polish.format("statement.transactions", Map.of("count", 12))).isEqualTo("12 transakcji");
		assertThat(english.format("statement.transactions", Map.of("count", 1234))).isEqualTo("1,234 transactions");
		assertThat(
				german.format("salutation", Map.of("salutation", "Ms", "lastName", "Weber", "fullName", "Anna Weber")))
			.isEqualTo("Sehr geehrte Frau Weber,");
		assertThat(english.format("salutation", Map.of("salutation", "", "lastName", "Lee", "fullName", "Sam Lee")))
			.isEqualTo("Dear Sam Lee,");
	}

	@Test
	void shouldNotCoverALanguageWhoseBundleLacksAKeyATemplateUses(@TempDir Path folder) throws IOException {
		// given
		Files.writeString(folder.resolve("letter.ftlh"), "<p>${msg(\"greeting\")} ${msg(\"closing\")}</p>");
		Files.createDirectories(folder.resolve("messages"));
		Files.writeString(folder.resolve("messages/messages_en.properties"),
				"greeting=Hello\nclosing=Regards\naddress.recipient={name}\n");
		Files.writeString(folder.resolve("messages/messages_pl.properties"),
				"greeting=Dzień dobry\naddress.recipient={name}\n", StandardCharsets.UTF_8);
		Files.writeString(folder.resolve("messages/messages_fr.properties"),
				"greeting={oops\nclosing=Cordialement\naddress.recipient={name}\n");
		// when
		MessageBundles bundles = MessageBundles.load(folder);
		// then
		assertThat(bundles.covers("en")).isTrue();
		assertThat(bundles.covers("pl")).isFalse();
		assertThat(bundles.problems("en")).hasSize(2)
			.anySatisfy(problem -> assertThat(problem).isEqualTo("messages_pl.properties lacks closing"))
			.anySatisfy(problem -> assertThat(problem).startsWith("messages_fr.properties greeting does not parse"));
	}

}
