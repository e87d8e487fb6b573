package io.tidings.customer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import io.tidings.TestPostgres;
import io.tidings.campaign.SyntheticCustomers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Import at scale through the packaged application: for each base size, a base of
 * synthetic customers ({@link SyntheticCustomers}) is imported, then a next batch of new
 * customers drawn the same way, and the batch's import rate (from the import step's
 * {@code completed} line) and processor time per record (the child JVM's, from the step's
 * first progress line to its completed line, which is less disturbed by other load on the
 * machine) are compared across base sizes: flat matching keeps the ratios near 1.
 *
 * <p>
 * Run with {@code ./mvnw -B package -DskipTests && ./mvnw -B -Pbench test
 * -Dtest=ImportScaleBenchmark} (it runs the packaged jar, which the test phase does not
 * rebuild); base sizes with {@code -Dtidings.bench.bases=20000,200000} (the default), the
 * batch with {@code -Dtidings.bench.batch=10000} (the default), the database with
 * {@code -Dtidings.bench.database=postgres} (an embedded PostgreSQL; H2 by default),
 * options of the importing JVMs with {@code -Dtidings.bench.jvm-options="..."} (for
 * instance a larger H2 page cache:
 * {@code -Dspring.datasource.url=jdbc:h2:file:${tidings.home}/db/tidings;WRITE_DELAY=0;QUERY_CACHE_SIZE=64;CACHE_SIZE=65536}).
 */
@Tag("benchmark")
class ImportScaleBenchmark {

	private static final Pattern COMPLETED = Pattern
		.compile("progress - import completed: [\\d,]+ read, ([\\d,]+) written, .* in ([\\d.]+) s");

	private static final Pattern PROGRESS = Pattern.compile("progress - import: ([\\d,]+) done in");

	private static final Pattern MERGED = Pattern.compile("(?m)^\\s+same [^\\n]*?\\s+([\\d,]+)$");

	private static final Path MAPPING = TestCampaigns.PROJECT.resolve("samples/customers.mapping.yml");

	@TempDir
	Path folder;

	@Test
	void shouldImportANextBatchAsFastIntoALargerBase() throws Exception {
		int batch = Integer.getInteger("tidings.bench.batch", 10_000);
		List<String> results = new ArrayList<>();
		Imported first = null;
		for (String size : System.getProperty("tidings.bench.bases", "20000,200000").split(",")) {
			int base = Integer.parseInt(size.strip());
			Path home = this.folder.resolve("home-" + base);
			List<String> options = jvmOptions(base);
			Imported baseImport = importFile(home, options, SyntheticCustomers.write(base, home.resolve("base")));
			Imported next = importFile(home, options, SyntheticCustomers.write(base + 1, batch, home.resolve("next")));
			assertThat(next.written()).isEqualTo(batch);
			first = (first != null) ? first : next;
			results.add(String.format(Locale.ROOT,
					"| %,d | %.1f s | %,.0f | %,d | %.1f s | %,.0f | %.2f | %.1f s | %,d | %.2f | %.2f |", base,
					baseImport.seconds(), baseImport.rate(), batch, next.seconds(), next.rate(),
					next.cpuMillisPerRecord(), next.wallSeconds(), next.merged(), next.rate() / first.rate(),
					next.cpuMillisPerRecord() / first.cpuMillisPerRecord()));
		}
		System.out.println();
		System.out.println("| base | base import | base records/s | next batch | batch step | batch records/s "
				+ "| batch CPU ms/record | batch command wall | merged in batch | records/s vs first base "
				+ "| CPU/record vs first base |");
		System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
		results.forEach(System.out::println);
	}

	/**
	 * The importing JVMs' options: the embedded H2 file of each base's home, or with
	 * {@code -Dtidings.bench.database=postgres} a new PostgreSQL database of each base.
	 */
	private static List<String> jvmOptions(int base) {
		List<String> options = new ArrayList<>(List.of("-Xmx512m"));
		String database = System.getProperty("tidings.bench.database", "h2");
		if (database.equals("postgres")) {
			options.add("-Dspring.datasource.url=" + TestPostgres.newDatabase("bench_import_" + base));
		}
		else if (!database.equals("h2")) {
			throw new IllegalArgumentException("tidings.bench.database must be h2 or postgres, not " + database);
		}
		String extra = System.getProperty("tidings.bench.jvm-options", "");
		if (!extra.isBlank()) {
			options.addAll(List.of(extra.strip().split("\\s+")));
		}
		return options;
	}

	private static Imported importFile(Path home, List<String> options, Path customers) throws Exception {
		List<String> command = PackagedTidings.command(home, options, "import", customers.toString(), "--mapping",
				MAPPING.toString());
		Path log = Files.createTempFile(customers.getParent(), "import", ".log");
		long start = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		// the child's processor time from its first progress line to the completed line:
		// the step's own cost, without start-up and the report
		long doneAtFirstLine = -1;
		Duration cpuAtFirstLine = Duration.ZERO;
		Duration cpuAtCompleted = Duration.ZERO;
		while (process.isAlive() && System.nanoTime() - start < TimeUnit.HOURS.toNanos(3)) {
			Duration cpu = process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
			String output = Files.readString(log);
			Matcher progress = PROGRESS.matcher(output);
			if (doneAtFirstLine < 0 && progress.find()) {
				doneAtFirstLine = Long.parseLong(progress.group(1).replace(",", ""));
				cpuAtFirstLine = cpu;
			}
			if (cpuAtCompleted.isZero() && output.contains("import completed")) {
				cpuAtCompleted = cpu;
			}
			Thread.sleep(100);
		}
		assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
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
		double cpuMillisPerRecord = (doneAtFirstLine < 0) ? Double.NaN
				: cpuAtCompleted.minus(cpuAtFirstLine).toMillis() / (double) (written - doneAtFirstLine);
		return new Imported(written, seconds, wall, merged, cpuMillisPerRecord);
	}

	private record Imported(int written, double seconds, double wallSeconds, int merged, double cpuMillisPerRecord) {

		double rate() {
			return this.written / this.seconds;
		}

	}

}
