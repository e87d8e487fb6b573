package io.tidings.customer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.PackagedTidings;
import io.tidings.TestCampaigns;
import io.tidings.campaign.SyntheticCustomers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Import at scale through the packaged application: for each base size, a base of
 * synthetic customers ({@link SyntheticCustomers}) is imported, then a next batch of new
 * customers drawn the same way, and the batch's import rate (from the import step's
 * {@code completed} line) is compared across base sizes: flat matching keeps the ratio
 * near 1.
 *
 * <p>
 * Run with {@code ./mvnw -B package -DskipTests && ./mvnw -B -Pbench test
 * -Dtest=ImportScaleBenchmark} (it runs the packaged jar, which the test phase does not
 * rebuild); base sizes with {@code -Dtidings.bench.bases=20000,200000} (the default), the
 * batch with {@code -Dtidings.bench.batch=10000} (the default).
 */
@Tag("benchmark")
class ImportScaleBenchmark {

	private static final Pattern COMPLETED = Pattern
		.compile("progress - import completed: [\\d,]+ read, ([\\d,]+) written, .* in ([\\d.]+) s");

	private static final Pattern MERGED = Pattern.compile("(?m)^\\s+same [^\\n]*?\\s+([\\d,]+)$");

	private static final Path MAPPING = TestCampaigns.PROJECT.resolve("samples/customers.mapping.yml");

	@TempDir
	Path folder;

	@Test
	void shouldImportANextBatchAsFastIntoALargerBase() throws Exception {
		int batch = Integer.getInteger("tidings.bench.batch", 10_000);
		List<String> results = new ArrayList<>();
		double firstRate = 0;
		for (String size : System.getProperty("tidings.bench.bases", "20000,200000").split(",")) {
			int base = Integer.parseInt(size.strip());
			Path home = this.folder.resolve("home-" + base);
			Imported baseImport = importFile(home, SyntheticCustomers.write(base, home.resolve("base")));
			Imported next = importFile(home, SyntheticCustomers.write(base + 1, batch, home.resolve("next")));
			assertThat(next.written()).isEqualTo(batch);
			firstRate = (firstRate == 0) ? next.rate() : firstRate;
			results.add(String.format(Locale.ROOT,
					"%,9d | %7.1f s | %,7.0f/s | %,6d | %6.1f s | %,7.0f/s | %6.1f s | %,7d | %5.2f", base,
					baseImport.seconds(), baseImport.rate(), batch, next.seconds(), next.rate(), next.wallSeconds(),
					next.merged(), next.rate() / firstRate));
		}
		System.out.println();
		System.out.println(
				"     base | base import | base rate |  batch | batch step | batch rate | command wall | merged | rate vs first base");
		results.forEach(System.out::println);
	}

	private static Imported importFile(Path home, Path customers) throws Exception {
		List<String> command = PackagedTidings.command(home, List.of("-Xmx512m"), "import", customers.toString(),
				"--mapping", MAPPING.toString());
		Path log = Files.createTempFile(customers.getParent(), "import", ".log");
		long start = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		assertThat(process.waitFor(3, TimeUnit.HOURS)).isTrue();
		double wall = (System.nanoTime() - start) / 1e9;
		String output = Files.readString(log);
		assertThat(process.exitValue()).as(output).isZero();
		Matcher completed = COMPLETED.matcher(output);
		assertThat(completed.find()).as(output).isTrue();
		int merged = 0;
		for (Matcher rule = MERGED.matcher(output); rule.find();) {
			merged += Integer.parseInt(rule.group(1).replace(",", ""));
		}
		int written = Integer.parseInt(completed.group(1).replace(",", ""));
		double seconds = Double.parseDouble(completed.group(2));
		return new Imported(written, seconds, wall, merged);
	}

	private record Imported(int written, double seconds, double wallSeconds, int merged) {

		double rate() {
			return this.written / this.seconds;
		}

	}

}
