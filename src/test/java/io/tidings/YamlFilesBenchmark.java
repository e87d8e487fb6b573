package io.tidings;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.campaign.CampaignDefinition;

/**
 * How long a job file with one long value takes to refuse, in a fresh JVM (as a command
 * reads it): just under the 1 MiB cap (parsed, then refused for its missing keys, whose
 * lines are looked up), and 16 MB (refused unparsed).
 */
@Tag("benchmark")
class YamlFilesBenchmark {

	@TempDir
	Path folder;

	@Test
	void longValues() throws Exception {
		for (int size : new int[] { 1024 * 1024 - 64, 16 * 1024 * 1024 }) {
			Path job = Files.writeString(this.folder.resolve("job-" + size + ".yml"),
					"campaign: long\ndescription: " + "x".repeat(size) + "\n");
			long start = System.nanoTime();
			String outcome;
			try {
				CampaignDefinition.load(job);
				outcome = "read";
			}
			catch (InvalidInputException ex) {
				outcome = ex.getMessage().substring(job.toString().length());
			}
			System.out.printf("YAML value of %,d characters: %,d ms (%s)%n", size,
					(System.nanoTime() - start) / 1_000_000, outcome);
		}
	}

}
