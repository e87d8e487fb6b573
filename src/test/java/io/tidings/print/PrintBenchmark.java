package io.tidings.print;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import io.tidings.archive.DocumentArchive;
import io.tidings.outbox.ComposedDocument;
import io.tidings.outbox.DocumentModel;
import io.tidings.render.PdfRenderer;
import io.tidings.render.RenderedBatch;
import io.tidings.render.RenderedPdf;
import io.tidings.render.Rendition;
import io.tidings.render.RenderSettings;
import io.tidings.render.TemplateEngine;

/**
 * Print benchmark (not a test: it asserts nothing about time, and runs only with
 * {@code ./mvnw -Pbench test -Dtest=PrintBenchmark}). For each run size it renders that
 * many one-page statements with a ten-row table, archives them and assembles them into
 * 5,000-sheet print streams with DataMatrix marks; with the Tidings renderer (FreeMarker
 * template, XHTML, openhtmltopdf, PDF/A-2b, tagged) and with a reference renderer that
 * draws the same content with PDFBox directly. The two take turns, a batch of documents
 * or a stream at a time, so that both see the same load on a shared machine. It prints
 * statements per second of wall-clock time and per second of processor time (which
 * another process competing for the processors disturbs less), and heap. Sizes:
 * {@code -Dbench.statements=10000,100000}; render threads: {@code -Dbench.threads}
 * (default: the number of processors); {@code -Dbench.tagged=false} to leave tagging out.
 * A third contender renders the statements in batches ({@code -Dbench.batch}, default
 * 50), one PDF a batch, as print production does; its render figures are per statement.
 */
@Tag("benchmark")
class PrintBenchmark {

	/** Looks up the templates' font files, for streams that embed each font once. */
	private static final PdfRenderer FONT_FILES = new PdfRenderer(RenderSettings.defaults());

	private static final int ROWS = 10;

	private static final int BATCH = 500;

	/**
	 * How often the heap left after a full collection is measured (outside the timings).
	 */
	private static final int LIVE_HEAP_EVERY = 10_000;

	private static final OperatingSystemMXBean SYSTEM = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	@Test
	void benchmark() throws Exception {
		// as application.properties has it for the application: a line per document
		// otherwise
		((Logger) LoggerFactory.getLogger("com.openhtmltopdf")).setLevel(Level.WARN);
		List<Integer> sizes = Stream.of(System.getProperty("bench.statements", "10000,100000").split(","))
			.map(String::strip)
			.map(Integer::valueOf)
			.toList();
		int threads = Integer.getInteger("bench.threads", Runtime.getRuntime().availableProcessors());
		boolean tagged = Boolean.parseBoolean(System.getProperty("bench.tagged", "false"));
		Path work = Files.createTempDirectory("tidings-bench");
		HeapWatch heap = new HeapWatch();
		TemplateEngine templates = new TemplateEngine();
		PdfRenderer renderer = new PdfRenderer(new RenderSettings(true, tagged));
		ThreadLocal<ReferenceStatementRenderer> reference = ThreadLocal
			.withInitial(() -> new ReferenceStatementRenderer(StatementSamples.TEMPLATES));
		Contender tidings = new Contender(tagged ? "Tidings (PDF/A-2b, tagged)" : "Tidings (PDF/A-2b)", index -> {
			DocumentModel model = StatementSamples.statement(index, ROWS);
			return renderer.render(templates.render(model), model.templatesRoot(), model.template(), Rendition.PRINT)
				.content();
		}, work.resolve("tidings"));
		Contender direct = new Contender("reference (PDFBox directly)",
				index -> reference.get().render(StatementSamples.statement(index, ROWS)), work.resolve("reference"));
		int batchSize = Integer.getInteger("bench.batch", 50);
		Contender batches = new Contender("Tidings, batches of " + batchSize + " (PDF/A-2b)", (first, count) -> {
			List<String> xhtml = new ArrayList<>();
			for (int index = first; index < first + count; index++) {
				xhtml.add(templates.render(StatementSamples.statement(index, ROWS)));
			}
			RenderedBatch batch = renderer.renderBatch(xhtml, StatementSamples.TEMPLATES, "statement", Rendition.PRINT);
			if (!batch.rejected().isEmpty() || batch.layouts() != 1) {
				throw new IllegalStateException("The batch was not laid out as one: " + batch.rejected());
			}
			return batch.rendered().values().stream().map(Rendered::of).toList();
		}, batchSize, work.resolve("batches"));
		List<Contender> contenders = List.of(tidings, batches, direct);
		List<String> lines = new ArrayList<>();
		lines.add(String.format(Locale.ROOT,
				"Print benchmark %s: %d processors, %d render threads, max heap %d MiB, Java %s, load average %.1f at start",
				LocalDate.now(), Runtime.getRuntime().availableProcessors(), threads,
				Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.version"),
				SYSTEM.getSystemLoadAverage()));
		lines.add("");
		lines.add("| statements | renderer | render/s | render/CPU-s | streams/s | overall/s | overall/CPU-s | "
				+ "per hour on free processors | KiB per statement | peak heap used | max heap after GC | live heap |");
		lines.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
		for (Contender contender : contenders) {
			contender.reset(400);
			contender.render(0, 400, threads);
		}
		for (int size : sizes) {
			for (Contender contender : contenders) {
				contender.reset(size);
			}
			for (int first = 0; first < size; first += BATCH) {
				int last = Math.min(size, first + BATCH);
				for (Contender contender : contenders) {
					heap.watch(contender);
					contender.render(first, last, threads);
					heap.watch(null);
					if (last % LIVE_HEAP_EVERY == 0 || last == size) {
						contender.measureLiveHeap();
					}
				}
			}
			int sheetsPerStream = PrintSettings.defaults().streamSheets();
			for (int first = 0; first < size; first += sheetsPerStream) {
				for (Contender contender : contenders) {
					heap.watch(contender);
					contender.stream(first, Math.min(size, first + sheetsPerStream));
					heap.watch(null);
					contender.measureLiveHeap();
				}
			}
			heap.watch(null);
			for (Contender contender : contenders) {
				lines.add(contender.line(size));
				System.out.println(lines.get(lines.size() - 1));
				contender.clean();
			}
		}
		lines.add("");
		lines.add(String.format(Locale.ROOT, "Load average at the end: %.1f", SYSTEM.getSystemLoadAverage()));
		String report = String.join("\n", lines) + "\n";
		System.out.println();
		System.out.println(report);
		Files.writeString(Path.of("target", "print-benchmark.md"), report);
		deleteTree(work);
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
	 * A statement rendered: a PDF of its own, or pages of its batch's file.
	 *
	 * @param content its PDF, or its batch's file
	 * @param firstPage its first page in its batch's file, or -1
	 * @param pages its page count
	 */
	private record Rendered(byte[] content, int firstPage, int pages) {

		static Rendered of(RenderedPdf pdf) {
			ComposedDocument.InBatch batch = pdf.batch();
			return new Rendered(pdf.content(), (batch != null) ? batch.firstPage() : -1, pdf.pages());
		}

	}

	/**
	 * One renderer's documents, files and times.
	 */
	private static final class Contender {

		private final String name;

		/** Renders {@code count} statements from {@code first}. */
		private final BiFunction<Integer, Integer, List<Rendered>> renderer;

		/** How many statements it renders at once. */
		private final int batch;

		private final Path folder;

		private final InserterMarks marks = new InserterMarks(PrintSettings.Marks.DATAMATRIX,
				PrintSettings.defaults().clearZone(), PrintSettings.defaults().windowCode());

		private long renderNanos;

		private long renderCpu;

		private long streamNanos;

		private long streamCpu;

		private long bytes;

		private long peakUsed;

		private long maxAfterGc;

		private long maxLive;

		/** Where each statement's pages are. */
		private final Map<Integer, DocumentArchive.Pages> placed = new ConcurrentHashMap<>();

		Contender(String name, IntFunction<byte[]> renderer, Path folder) {
			this(name, (first, count) -> List.of(new Rendered(renderer.apply(first), -1, 1)), 1, folder);
		}

		Contender(String name, BiFunction<Integer, Integer, List<Rendered>> renderer, int batch, Path folder) {
			this.name = name;
			this.renderer = renderer;
			this.batch = batch;
			this.folder = folder;
		}

		void reset(int size) throws IOException {
			deleteTree(this.folder);
			for (int folder = 0; folder < 256; folder++) {
				Files.createDirectories(this.folder.resolve("archive").resolve(String.valueOf(folder)));
			}
			Files.createDirectories(this.folder.resolve("streams"));
			this.placed.clear();
			this.renderNanos = 0;
			this.renderCpu = 0;
			this.streamNanos = 0;
			this.streamCpu = 0;
			this.bytes = 0;
			this.peakUsed = 0;
			this.maxAfterGc = 0;
			this.maxLive = 0;
		}

		/**
		 * What the run holds: the heap in use right after a full collection, taken
		 * between batches (the rendering pools and stream writers are gone, the parsed
		 * fonts, templates and caches are not).
		 */
		void measureLiveHeap() {
			System.gc();
			this.maxLive = Math.max(this.maxLive, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}

		void render(int first, int last, int threads) throws Exception {
			long wall = System.nanoTime();
			long cpu = SYSTEM.getProcessCpuTime();
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			AtomicInteger next = new AtomicInteger(first);
			AtomicLong written = new AtomicLong();
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				workers.add(pool.submit(() -> {
					for (int index = next.getAndAdd(this.batch); index < last; index = next.getAndAdd(this.batch)) {
						List<Rendered> pdfs = this.renderer.apply(index, Math.min(this.batch, last - index));
						byte[] shared = null;
						Path sharedFile = null;
						for (int i = 0; i < pdfs.size(); i++) {
							Rendered pdf = pdfs.get(i);
							if (pdf.firstPage() < 0) {
								written.addAndGet(pdf.content().length);
								Files.write(file(index + i), pdf.content());
								this.placed.put(index + i, new DocumentArchive.Pages(file(index + i), 0, -1));
								continue;
							}
							if (pdf.content() != shared) {
								// the batch's file, written once for its documents
								shared = pdf.content();
								sharedFile = file(index + i);
								written.addAndGet(shared.length);
								Files.write(sharedFile, shared);
							}
							this.placed.put(index + i,
									new DocumentArchive.Pages(sharedFile, pdf.firstPage(), pdf.pages()));
						}
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
			pool.shutdown();
			this.bytes += written.get();
			this.renderNanos += System.nanoTime() - wall;
			this.renderCpu += SYSTEM.getProcessCpuTime() - cpu;
		}

		void stream(int first, int last) throws IOException {
			long wall = System.nanoTime();
			long cpu = SYSTEM.getProcessCpuTime();
			try (OutputStream out = Files
				.newOutputStream(this.folder.resolve("streams").resolve("stream-" + first + ".pdf"))) {
				StreamWriter writer = new StreamWriter(out, true, this.marks,
						name -> FONT_FILES.fontFile(StatementSamples.TEMPLATES, name));
				for (int index = first; index < last; index++) {
					writer.add(this.placed.get(index), 1, true, String.format(Locale.ROOT, "BENCH000-%08d", index + 1),
							1, null);
				}
				writer.finish();
			}
			this.streamNanos += System.nanoTime() - wall;
			this.streamCpu += SYSTEM.getProcessCpuTime() - cpu;
		}

		String line(int size) {
			double render = this.renderNanos / 1e9;
			double stream = this.streamNanos / 1e9;
			double cpu = (this.renderCpu + this.streamCpu) / 1e9;
			double perCpuSecond = size / cpu;
			return String.format(Locale.ROOT,
					"| %,d | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %,.0f | %d | %d MiB | %d MiB | %d MiB |", size,
					this.name, size / render, size / (this.renderCpu / 1e9), size / stream, size / (render + stream),
					perCpuSecond, perCpuSecond * Runtime.getRuntime().availableProcessors() * 3600,
					this.bytes / size / 1024, this.peakUsed >> 20, this.maxAfterGc >> 20, this.maxLive >> 20);
		}

		void clean() throws IOException {
			deleteTree(this.folder);
		}

		private Path file(int index) {
			return this.folder.resolve("archive").resolve(String.valueOf(index % 256)).resolve(index + ".pdf");
		}

	}

	/**
	 * Heap in use while a contender runs: the highest seen (sampled), and the highest
	 * left after a garbage collection.
	 */
	private static final class HeapWatch {

		private volatile Contender current;

		HeapWatch() {
			for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
				((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
					Contender contender = this.current;
					if (contender == null || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
						.equals(notification.getType())) {
						return;
					}
					var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
					long after = 0;
					for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
						MemoryUsage usage = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
						if (pool.getType() == MemoryType.HEAP && usage != null) {
							after += usage.getUsed();
						}
					}
					contender.maxAfterGc = Math.max(contender.maxAfterGc, after);
				}, null, null);
			}
			Thread sampler = new Thread(() -> {
				while (true) {
					Contender contender = this.current;
					if (contender != null) {
						contender.peakUsed = Math.max(contender.peakUsed,
								ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
					}
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

		void watch(Contender contender) {
			this.current = contender;
		}

	}

}
