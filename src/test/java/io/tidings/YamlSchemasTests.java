package io.tidings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.dataformat.yaml.YAMLMapper;

import io.tidings.campaign.CampaignDefinition;
import io.tidings.offer.ModelSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The JSON Schemas in {@code docs/schemas}: every job and sample file of the repository
 * names its schema in its first line and holds to it, and a file that does not is refused
 * with the line and key path of each error.
 */
class YamlSchemasTests {

	private static final String DIRECTIVE = "# yaml-language-server: $schema=";

	@TempDir
	Path folder;

	@Test
	void shouldFindEveryJobAndSampleFileTrueToTheSchemaItNames() throws IOException {
		List<Path> files;
		try (Stream<Path> jobs = Files.walk(TestCampaigns.PROJECT.resolve("jobs"));
				Stream<Path> samples = Files.walk(TestCampaigns.PROJECT.resolve("samples"))) {
			files = Stream.concat(jobs, samples).filter(file -> file.toString().endsWith(".yml")).toList();
		}
		assertThat(files).hasSizeGreaterThanOrEqualTo(5);
		for (Path file : files) {
			String first = Files.readAllLines(file).get(0);
			assertThat(first).as(file + " names its schema").startsWith(DIRECTIVE);
			Path schema = file.getParent().resolve(first.substring(DIRECTIVE.length())).normalize();
			assertThat(schema).as(file + " names a schema that is there")
				.exists()
				.hasParent(TestCampaigns.PROJECT.resolve("docs/schemas").normalize());
			assertThatNoException().as(file.toString())
				.isThrownBy(() -> YamlSchemas.check(file, new YAMLMapper().readTree(file.toFile()),
						schema.getFileName().toString(), path -> 0));
		}
	}

	@Test
	void shouldNameTheLineAndKeyPathOfEachError() throws IOException {
		// given a job file with an unknown key, a wrong type, a value not in an enum, a
		// missing required key and an error in a nested list
		Path job = TestCampaigns.smallCampaign(this.folder);
		String text = Files.readString(job)
			.replace("schedule:\n", "schedule:\n  missed: sometimes\n  retries: 3\n")
			.replace("audience:\n  segment: \"true\"\n", "audience: {}\n")
				+ "statement:\n  period-months: [3]\npolicy:\n  frequency-caps:\n    - { max: 1, per: fortnight }\n";
		Files.writeString(job, text);
		List<String> lines = List.of(text.split("\n"));
		// then
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> CampaignDefinition.load(job))
			.satisfies(ex -> assertThat(ex.getMessage().lines()).containsExactly(
					job + ":" + lineOf(lines, "  retries: 3")
							+ ": field 'schedule.retries': unknown key; known keys here: cron, missed, zone",
					job + ":" + lineOf(lines, "  missed: sometimes")
							+ ": field 'schedule.missed': must be one of run-once, skip, found 'sometimes'",
					job + ":" + lineOf(lines, "  period-months: [3]")
							+ ": field 'statement.period-months': expected a whole number, found a list",
					job + ":" + lineOf(lines, "    - { max: 1, per: fortnight }")
							+ ": field 'policy.frequency-caps[0].per': 'fortnight' must be week, month or 'N days' (e.g. 14 days)",
					job + ":" + lineOf(lines, "audience: {}") + ": field 'audience.segment': required key is missing"));
	}

	@Test
	void shouldGiveTheRangeOfANumber() throws IOException {
		Path model = Files.writeString(this.folder.resolve("model.yml"), "bins: 4\nfeature-bins:\n  day: 99\n");
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> ModelSpec.load(model))
			.withMessage(model + ":3: field 'feature-bins.day': must be between 2 and 50, found 99");
	}

	private static int lineOf(List<String> lines, String line) {
		return lines.indexOf(line) + 1;
	}

}
