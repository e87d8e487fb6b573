package io.tidings.render;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.sun.management.OperatingSystemMXBean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import io.tidings.outbox.DocumentModel;
import io.tidings.print.StatementSamples;

/**
 * Benchmark of paperless customers' statements (not a test: it asserts nothing about
 * time, and runs only with {@code ./mvnw -Pbench test -Dtest=TaggedStatementBenchmark}).
 * One thread renders the one-page statement of {@code PrintBenchmark} for a screen
 * (tagged, PDF/UA, one document at a time, as an email attachment is) and for paper (in
 * batches of 50, as print production does), the two taking turns a round at a time so
 * that both see the same load on a shared machine. It prints statements per second of the
 * process's processor time for each, and their ratio. Rounds: {@code -Dbench.rounds}
 * (default 20).
 */
@Tag("benchmark")
class TaggedStatementBenchmark {

	private static final int ROWS = 10;

	private static final int ROUND = 50;

	private static final OperatingSystemMXBean SYSTEM = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	@Test
	void benchmark() throws Exception {
		((Logger) LoggerFactory.getLogger("com.openhtmltopdf")).setLevel(Level.WARN);
		int rounds = Integer.getInteger("bench.rounds", 20);
		TemplateEngine templates = new TemplateEngine();
		PdfRenderer renderer = new PdfRenderer(RenderSettings.defaults());
		long[] tagged = new long[2];
		long[] printed = new long[2];
		for (int round = -4; round < rounds; round++) {
			int first = (round + 4) * ROUND;
			List<String> xhtml = new ArrayList<>();
			for (int index = first; index < first + ROUND; index++) {
				DocumentModel model = StatementSamples.statement(index, ROWS);
				xhtml.add(templates.render(model));
			}
			long cpu = SYSTEM.getProcessCpuTime();
			long wall = System.nanoTime();
			for (String document : xhtml) {
				renderer.render(document, StatementSamples.TEMPLATES, "statement", Rendition.ELECTRONIC);
			}
			if (round >= 0) {
				tagged[0] += SYSTEM.getProcessCpuTime() - cpu;
				tagged[1] += System.nanoTime() - wall;
			}
			cpu = SYSTEM.getProcessCpuTime();
			wall = System.nanoTime();
			RenderedBatch batch = renderer.renderBatch(xhtml, StatementSamples.TEMPLATES, "statement", Rendition.PRINT);
			if (!batch.rejected().isEmpty() || batch.layouts() != 1) {
				throw new IllegalStateException("The batch was not laid out as one: " + batch.rejected());
			}
			if (round >= 0) {
				printed[0] += SYSTEM.getProcessCpuTime() - cpu;
				printed[1] += System.nanoTime() - wall;
			}
		}
		int documents = rounds * ROUND;
		String report = String.format(Locale.ROOT, """
				Tagged statement benchmark: %d statements each, load average %.1f at the end

				| statement | per CPU-s | per s (wall) | CPU ms each |
				|---|---|---|---|
				| paperless (tagged, PDF/UA, alone) | %.1f | %.1f | %.2f |
				| printed (batches of %d) | %.1f | %.1f | %.2f |

				paperless / printed, processor time per statement: %.2f
				""", documents, SYSTEM.getSystemLoadAverage(), documents / (tagged[0] / 1e9),
				documents / (tagged[1] / 1e9), tagged[0] / 1e6 / documents, ROUND, documents / (printed[0] / 1e9),
				documents / (printed[1] / 1e9), printed[0] / 1e6 / documents, (double) tagged[0] / printed[0]);
		System.out.println(report);
		Files.writeString(Path.of("target", "tagged-statement-benchmark.md"), report);
	}

}
