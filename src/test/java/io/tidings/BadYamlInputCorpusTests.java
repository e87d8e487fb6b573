package io.tidings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.campaign.CampaignDefinition;
import io.tidings.offer.ModelSpec;
import io.tidings.offer.OfferCatalog;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The job, offers and model files of the bad-input corpus: each is refused with an error
 * that names the file, the line and the key, says what is wrong in words a user knows
 * (not Java type names), and runs nothing it holds. Mapping files are tried through the
 * customer import in {@link BadCsvInputCorpusTests}.
 */
class BadYamlInputCorpusTests {

	@Test
	void shouldNameAnUnknownKeyAndTheKeysKnownThere() {
		assertJobRefused("job-unknown-key.yml",
				":7: field 'schedulle': unknown key; known keys here: as-of, audience,");
		assertJobRefused("job-nested-unknown-key.yml",
				":25: field 'policy.calendar.avoid-weekday': unknown key; known keys here: avoid-weekdays, public-holidays");
		assertOffersRefused("offers-unknown-key.yml",
				":13: field 'offers[1].eligibilty': unknown key; known keys here:");
		assertModelRefused("model-unknown-key.yml", ":2: field 'interaction': unknown key; known keys here: bins,");
	}

	@Test
	void shouldSayWhatKindOfValueIsExpectedAndWhatWasFound() {
		assertJobRefused("job-wrong-type.yml",
				":24: field 'statement.period-months': expected a whole number, found 'three'");
		assertJobRefused("job-list-instead-of-map.yml",
				":7: field 'audience': expected keys with values, found a list");
		assertOffersRefused("offers-wrong-type.yml", ":5: field 'offers[0].margin': expected a number, found 'a lot'");
		assertModelRefused("model-wrong-type.yml", ":1: field 'bins': expected a whole number, found 'many'");
	}

	@Test
	void shouldRequireASenderForStatementsAndForMarketing(@TempDir Path folder) throws IOException {
		// given a sender for marketing and none for statements
		Path job = TestCampaigns.smallCampaign(folder);
		Files.writeString(job,
				Files.readString(job)
					.replace("  from: \"Tidings Bank <statements@bank.example>\"\n",
							"  marketing:\n    from: \"Offers <offers@news.bank.example>\"\n"));
		// then
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> CampaignDefinition.load(job))
			.withMessage(job + ":20: field 'email.from': required key is missing (or give email.statements.from)");
	}

	@Test
	void shouldNameTheLineOfASyntaxError() {
		assertJobRefused("job-malformed.yml",
				":6: field 'schedule': not valid YAML: mapping values are not allowed here");
		assertJobRefused("job-tab-indent.yml",
				":5: field 'schedule': not valid YAML: found character '\\t(TAB)' that cannot start any token");
		assertJobRefused("job-empty.yml", ": the file is empty");
	}

	@Test
	void shouldNotCreateJavaObjectsFromTags() {
		// a global tag asking for a script engine is only a list where text belongs
		assertJobRefused("job-java-tag.yml", ":2: field 'description': expected text, found a list");
	}

	@Test
	void shouldNotExpandAnAliasBomb() {
		// nine levels of nine aliases: a billion strings if expanded
		assertTimeoutPreemptively(Duration.ofSeconds(10),
				() -> assertJobRefused("job-alias-bomb.yml", ":1: field 'a': unknown key"));
	}

	@Test
	void shouldRefuseExpressionsThatReachJavaAndRunNothing() {
		Path pwned = Path.of("/tmp/tidings-pwned");
		assertJobRefused("job-bad-expression.yml",
				":8: field 'audience.segment': expression 'T(java.lang.Runtime).getRuntime().exec(");
		assertThat(pwned).doesNotExist();
		assertOffersRefused("offers-bad-expression.yml",
				":6: field 'offers[0].eligibility': expression 'new java.io.File('/etc/passwd').exists()'");
	}

	@Test
	void shouldRefuseAFileLargerThanTheCapBeforeParsingIt(@TempDir Path folder) throws IOException {
		// given: a 16 MB value, which took the parser minutes
		Path job = Files.writeString(folder.resolve("job.yml"),
				"campaign: big\ndescription: " + "x".repeat(16 * 1024 * 1024) + "\n");
		String value = "x".repeat(1024 * 1024);
		Path offers = Files.writeString(folder.resolve("offers.yml"), "offers:\n  - name: " + value + "\n");
		Path model = Files.writeString(folder.resolve("model.yml"), "bins: 4\nfeature-bins: {" + value + ": 3}\n");
		String tooLarge = ": the file is larger than 1 MiB, the most a YAML file may hold (tidings.yaml.max-file-size)";
		// then
		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
			assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> CampaignDefinition.load(job))
				.withMessage(job + tooLarge);
			assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> OfferCatalog.load(offers))
				.withMessage(offers + tooLarge);
			assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> ModelSpec.load(model))
				.withMessage(model + tooLarge);
		});
	}

	@Test
	void shouldTakeTheCapFromTheSettings() {
		// given
		Path demo = TestCampaigns.PROJECT.resolve("jobs/quarterly-statements.yml");
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("tidings.yaml.max-file-size", "2KB")));
		try {
			// when
			new YamlFileSize().postProcessEnvironment(environment, new SpringApplication());
			// then
			assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> CampaignDefinition.load(demo))
				.withMessage(demo + ": the file is larger than 2 KiB, the most a YAML file may hold "
						+ "(tidings.yaml.max-file-size)");
		}
		finally {
			YamlFiles.maxFileSize(YamlFiles.DEFAULT_MAX_FILE_SIZE);
		}
		assertThat(CampaignDefinition.load(demo).campaign()).isEqualTo("quarterly-statements");
	}

	private static void assertJobRefused(String name, String message) {
		Path file = BadInput.CORPUS.resolve(name);
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> CampaignDefinition.load(file))
			.withMessageStartingWith(file + message);
	}

	private static void assertOffersRefused(String name, String message) {
		Path file = BadInput.CORPUS.resolve(name);
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> OfferCatalog.load(file))
			.withMessageStartingWith(file + message);
	}

	private static void assertModelRefused(String name, String message) {
		Path file = BadInput.CORPUS.resolve(name);
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> ModelSpec.load(file))
			.withMessageStartingWith(file + message);
	}

}
