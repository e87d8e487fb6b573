package io.tidings;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.tidings.campaign.CampaignDefinition;
import io.tidings.offer.ModelSpec;
import io.tidings.offer.OfferCatalog;

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
