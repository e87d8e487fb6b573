package io.tidings.offer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.PackagedTidings;
import io.tidings.TestCampaigns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scoring at scale through the packaged application: N synthetic customers drawn from the
 * Bank Marketing rows (values jittered), imported, 20,000 of their outcomes ingested, a
 * model trained and every customer scored in a JVM limited to 128 MiB of heap. Prints
 * import and scoring time and the most heap that survived a collection while scoring, for
 * each size, so that memory can be compared across sizes.
 *
 * <p>
 * Run with {@code ./mvnw -B package -DskipTests && ./mvnw -B -Pbench test
 * -Dtest=ScoringScaleBenchmark} (it runs the packaged jar, which the test phase does not
 * rebuild); sizes with {@code -Dtidings.bench.customers=100000,1000000}.
 */
@Tag("benchmark")
class ScoringScaleBenchmark {

	private static final Path BANK = TestCampaigns.PROJECT.resolve("../shared/data/bank-marketing/bank.csv")
		.normalize();

	private static final Pattern SCORED = Pattern
		.compile("in ([\\d.]+) s \\(([\\d,]+)/s\\), peak heap after collection ([\\d,]+) MiB");

	@TempDir
	Path folder;

	@Test
	void shouldScoreEveryCustomerWithFlatMemory() throws Exception {
		List<String> results = new ArrayList<>();
		for (String size : System.getProperty("tidings.bench.customers", "100000,1000000").split(",")) {
			int customers = Integer.parseInt(size.strip());
			Path home = this.folder.resolve("home-" + customers);
			Path file = generate(customers, home);
			long importStart = System.nanoTime();
			run(home, "-Xmx512m", "import", file.toString(), "--mapping",
					TestCampaigns.PROJECT.resolve("samples/bank-marketing/customers.mapping.yml").toString());
			double importSeconds = (System.nanoTime() - importStart) / 1e9;
			run(home, "-Xmx512m", "ingest", home.resolve("responses.csv").toString());
			String scored = run(home, "-Xmx128m", "score", "--product", "term-deposit", "--model",
					TestCampaigns.PROJECT.resolve("samples/bank-marketing/model.yml").toString(), "--out",
					home.resolve("scores.csv").toString());
			Matcher matcher = SCORED.matcher(scored);
			assertThat(matcher.find()).as(scored).isTrue();
			assertThat(Files.lines(home.resolve("scores.csv")).count()).isEqualTo(customers + 1L);
			results.add(String.format(Locale.ROOT, "%,10d | %8.0f s | %,9.0f/s | %8s s | %9s/s | %6s MiB", customers,
					importSeconds, customers / importSeconds, matcher.group(1), matcher.group(2), matcher.group(3)));
		}
		System.out.println();
		System.out
			.println(" customers |   import | import rate | scoring | score rate | heap after GC, peak (-Xmx128m)");
		results.forEach(System.out::println);
	}

	private static Path generate(int customers, Path home) throws IOException {
		Files.createDirectories(home);
		List<String> rows = Files.readAllLines(BANK, StandardCharsets.UTF_8);
		String header = rows.get(0);
		List<String> data = rows.subList(1, rows.size());
		Random random = new Random(customers);
		Path file = home.resolve("customers.csv");
		try (BufferedWriter customersFile = Files.newBufferedWriter(file);
				BufferedWriter responses = Files.newBufferedWriter(home.resolve("responses.csv"))) {
			customersFile.write(header + "\n");
			responses.write("customer_id;product;outcome;occurred_at\n");
			for (int row = 1; row <= customers; row++) {
				String[] fields = data.get(random.nextInt(data.size())).split(";", -1);
				fields[0] = String.valueOf(Math.max(18, Integer.parseInt(fields[0]) + random.nextInt(5) - 2));
				fields[5] = String.valueOf(Integer.parseInt(fields[5]) + random.nextInt(201) - 100);
				customersFile.write(String.join(";", fields) + "\n");
				if (row <= 20_000) {
					boolean yes = fields[fields.length - 1].equals("\"yes\"");
					responses.write(String.format("B%04d;term-deposit;%s;2010-11-01T12:00:00Z%n", row,
							yes ? "purchased" : "declined"));
				}
			}
		}
		return file;
	}

	private static String run(Path home, String heap, String... arguments) throws Exception {
		List<String> command = PackagedTidings.command(home, List.of(heap), arguments);
		Path log = Files.createTempFile(home, "run", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		assertThat(process.waitFor(3, TimeUnit.HOURS)).isTrue();
		String output = Files.readString(log);
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
