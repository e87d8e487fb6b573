package io.tidings.print;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.junit.jupiter.api.Test;

import io.tidings.outbox.DocumentModel;
import io.tidings.render.PdfRenderer;
import io.tidings.render.RenderSettings;
import io.tidings.render.TemplateEngine;

/**
 * Print benchmark (not a test: it asserts nothing about time, and runs only with
 * {@code ./mvnw -Pbench test}). For each run size it renders that many one-page
 * statements with a ten-row table, archives them and assembles them into 5,000-sheet
 * print streams with DataMatrix marks; once with the Tidings renderer (FreeMarker
 * template, XHTML, openhtmltopdf, PDF/A-2b, tagged) and once with a reference renderer
 * that draws the same content with PDFBox directly; and prints statements per second and
 * heap for each. Sizes: {@code -Dbench.statements=10000,100000}; render threads:
 * {@code -Dbench.threads} (default: the number of processors).
 */
class PrintBenchmark {

	private static final int ROWS = 10;

	@Test
	void benchmark() throws Exception {
		List<Integer> sizes = Stream.of(System.getProperty("bench.statements", "10000,100000").split(","))
			.map(String::strip)
			.map(Integer::valueOf)
			.toList();
		int threads = Integer.getInteger("bench.threads", Runtime.getRuntime().availableProcessors());
		boolean tagged = Boolean.parseBoolean(System.getProperty("bench.tagged", "true"));
		Path work = Files.createTempDirectory("tidings-bench");
		HeapWatch heap = new HeapWatch();
		List<String> lines = new ArrayList<>();
		lines
			.add(String.format(Locale.ROOT, "Print benchmark %s: %d processors, %d render threads, max heap %d MiB, %s",
					LocalDate.now(), Runtime.getRuntime().availableProcessors(), threads,
					Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.version")));
		lines.add("");
		lines.add(
				"| statements | renderer | render/s | streams/s | overall/s | per hour | peak heap used | max heap after GC |");
		lines.add("|---|---|---|---|---|---|---|---|");
		TemplateEngine templates = new TemplateEngine();
		PdfRenderer tidings = new PdfRenderer(new RenderSettings(tagged));
		ThreadLocal<ReferenceStatementRenderer> reference = ThreadLocal
			.withInitial(() -> new ReferenceStatementRenderer(StatementSamples.TEMPLATES));
		warmUp(templates, tidings, reference.get());
		for (int size : sizes) {
			lines.add(run(work, heap, size, threads, tagged ? "Tidings (PDF/A-2b, tagged)" : "Tidings (PDF/A-2b)",
					index -> {
						DocumentModel model = StatementSamples.statement(index, ROWS);
						return tidings.render(templates.render(model), model.templatesRoot(), model.template())
							.content();
					}));
			System.out.println(lines.get(lines.size() - 1));
			lines.add(run(work, heap, size, threads, "reference (PDFBox directly)",
					index -> reference.get().render(StatementSamples.statement(index, ROWS))));
			System.out.println(lines.get(lines.size() - 1));
		}
		String report = String.join("\n", lines) + "\n";
		System.out.println();
		System.out.println(report);
		Files.writeString(Path.of("target", "print-benchmark.md"), report);
		deleteTree(work);
	}

	private static void warmUp(TemplateEngine templates, PdfRenderer tidings, ReferenceStatementRenderer reference) {
		for (int i = 0; i < 200; i++) {
			DocumentModel model = StatementSamples.statement(i, ROWS);
			tidings.render(templates.render(model), model.templatesRoot(), model.template());
			reference.render(model);
		}
	}

	private static String run(Path work, HeapWatch heap, int size, int threads, String name,
			IntFunction<byte[]> renderer) throws Exception {
		Path archive = Files.createDirectories(work.resolve("archive"));
		for (int folder = 0; folder < 256; folder++) {
			Files.createDirectories(archive.resolve(String.valueOf(folder)));
		}
		Path streams = Files.createDirectories(work.resolve("streams"));
		System.gc();
		heap.reset();
		long start = System.nanoTime();
		int[] pages = new int[size];
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicInteger next = new AtomicInteger();
		AtomicLong bytes = new AtomicLong();
		List<Future<?>> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			workers.add(pool.submit(() -> {
				for (int index = next.getAndIncrement(); index < size; index = next.getAndIncrement()) {
					byte[] pdf = renderer.apply(index);
					bytes.addAndGet(pdf.length);
					Files.write(file(archive, index), pdf);
					pages[index] = 1;
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		pool.shutdown();
		long rendered = System.nanoTime();
		InserterMarks marks = new InserterMarks(PrintSettings.Marks.DATAMATRIX, PrintSettings.defaults().clearZone());
		int sheetsPerStream = PrintSettings.defaults().streamSheets();
		for (int first = 0; first < size; first += sheetsPerStream) {
			try (OutputStream out = Files.newOutputStream(streams.resolve("stream-" + first + ".pdf"))) {
				StreamWriter writer = new StreamWriter(out, true, marks);
				for (int index = first; index < Math.min(size, first + sheetsPerStream); index++) {
					writer.add(file(archive, index), pages[index], true,
							String.format(Locale.ROOT, "BENCH000-%08d", index + 1), 1, null);
				}
				writer.finish();
			}
		}
		long done = System.nanoTime();
		double renderSeconds = (rendered - start) / 1e9;
		double streamSeconds = (done - rendered) / 1e9;
		double total = (done - start) / 1e9;
		String line = String.format(Locale.ROOT, "| %,d | %s | %.0f | %.0f | %.0f | %,.0f | %d MiB | %d MiB |", size,
				name, size / renderSeconds, size / streamSeconds, size / total, size / total * 3600,
				heap.peakUsed() >> 20, heap.maxAfterGc() >> 20);
		System.out.printf(Locale.ROOT, "%s: %,d statements (%,d KiB each) rendered in %s, streamed in %s%n", name, size,
				bytes.get() / size / 1024, Duration.ofMillis((long) (renderSeconds * 1000)),
				Duration.ofMillis((long) (streamSeconds * 1000)));
		deleteTree(archive);
		deleteTree(streams);
		return line;
	}

	private static Path file(Path archive, int index) {
		return archive.resolve(String.valueOf(index % 256)).resolve(index + ".pdf");
	}

	private static void deleteTree(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	/**
	 * Heap in use: the highest seen (sampled), and the highest left after a garbage
	 * collection (what the run really holds).
	 */
	private static final class HeapWatch {

		private final AtomicLong peakUsed = new AtomicLong();

		private final AtomicLong maxAfterGc = new AtomicLong();

		HeapWatch() {
			for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
				((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
					if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
						.equals(notification.getType())) {
						var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
						long after = 0;
						for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
							MemoryUsage usage = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
							if (pool.getType() == MemoryType.HEAP && usage != null) {
								after += usage.getUsed();
							}
						}
						this.maxAfterGc.accumulateAndGet(after, Math::max);
					}
				}, null, null);
			}
			Thread sampler = new Thread(() -> {
				while (true) {
					this.peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
							Math::max);
					try {
						Thread.sleep(20);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "heap-watch");
			sampler.setDaemon(true);
			sampler.start();
		}

		void reset() {
			this.peakUsed.set(0);
			this.maxAfterGc.set(0);
		}

		long peakUsed() {
			return this.peakUsed.get();
		}

		long maxAfterGc() {
			return this.maxAfterGc.get();
		}

	}

}
