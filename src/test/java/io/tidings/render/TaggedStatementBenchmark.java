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
		long[] tagged = new long[4];
		long[] printed = new long[4];
		for (int round = -4; round < rounds; round++) {
			int first = (round + 4) * ROUND;
			List<String> xhtml = new ArrayList<>();
			for (int index = first; index < first + ROUND; index++) {
				DocumentModel model = StatementSamples.statement(index, ROWS);
				xhtml.add(templates.render(model));
			}
			long[] taggedRound = round(renderer, xhtml, Rendition.ELECTRONIC);
			long[] printedRound = round(renderer, xhtml, Rendition.PRINT);
			if (round >= 0) {
				for (int i = 0; i < 4; i++) {
					tagged[i] += taggedRound[i];
					printed[i] += printedRound[i];
				}
			}
		}
		int documents = rounds * ROUND;
		String report = String.format(Locale.ROOT, """
				Tagged statement benchmark: %d statements each, load average %.1f at the end

				| statements of a batch of %d | per CPU-s | per s (wall) | CPU ms each | layouts a batch | KiB a file |
				|---|---|---|---|---|---|
				| paperless (tagged, PDF/UA) | %.1f | %.1f | %.2f | %.1f | %.1f |
				| printed | %.1f | %.1f | %.2f | %.1f | %.1f |

				paperless / printed, processor time per statement: %.2f
				""", documents, SYSTEM.getSystemLoadAverage(), ROUND, documents / (tagged[0] / 1e9),
				documents / (tagged[1] / 1e9), tagged[0] / 1e6 / documents, (double) tagged[2] / rounds,
				tagged[3] / 1024.0 / documents, documents / (printed[0] / 1e9), documents / (printed[1] / 1e9),
				printed[0] / 1e6 / documents, (double) printed[2] / rounds, printed[3] / 1024.0 / documents,
				(double) tagged[0] / printed[0]);
		System.out.println(report);
		Files.writeString(Path.of("target", "tagged-statement-benchmark.md"), report);
	}

	/**
	 * Renders a round's statements as one batch.
	 * @return processor and wall nanoseconds, layouts, bytes written
	 */
	private static long[] round(PdfRenderer renderer, List<String> xhtml, Rendition rendition) {
		long cpu = SYSTEM.getProcessCpuTime();
		long wall = System.nanoTime();
		RenderedBatch batch = renderer.renderBatch(xhtml, StatementSamples.TEMPLATES, "statement", rendition);
		long[] measured = { SYSTEM.getProcessCpuTime() - cpu, System.nanoTime() - wall, batch.layouts(), 0 };
		if (!batch.rejected().isEmpty()) {
			throw new IllegalStateException("Statements were rejected: " + batch.rejected());
		}
		for (RenderedPdf pdf : batch.rendered().values()) {
			measured[3] += pdf.content().length;
		}
		return measured;
	}

}
