package io.tidings.archive;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.outbox.ComposedDocument;
import io.tidings.print.StatementSamples;
import io.tidings.render.PdfAValidation;
import io.tidings.render.PdfRenderer;
import io.tidings.render.RenderSettings;
import io.tidings.render.RenderedBatch;
import io.tidings.render.RenderedPdf;
import io.tidings.render.Rendition;
import io.tidings.render.TemplateEngine;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Printed documents kept as pages of their batch's file: each given back as a PDF/A of
 * its own, exactly its pages, and erased without touching the others.
 */
class BatchFilesTests {

	/** Statements of one, several and one page. */
	private static final int[] ROWS = { 10, 60, 10 };

	@TempDir
	Path home;

	private DocumentArchive archive;

	private final List<String> locations = new ArrayList<>();

	private final List<String> sha256s = new ArrayList<>();

	private final List<Integer> pages = new ArrayList<>();

	private String file;

	@BeforeEach
	void renderAndArchiveABatch() {
		this.archive = Archives.in(this.home);
		TemplateEngine templates = new TemplateEngine();
		List<String> xhtml = new ArrayList<>();
		for (int i = 0; i < ROWS.length; i++) {
			xhtml.add(templates.render(StatementSamples.statement(i, ROWS[i])));
		}
		RenderedBatch batch = new PdfRenderer(RenderSettings.defaults()).renderBatch(xhtml, StatementSamples.TEMPLATES,
				"statement", Rendition.PRINT);
		assertThat(batch.rendered()).hasSize(ROWS.length);
		this.file = this.archive.storeBatch(StatementSamples.id(0), batch.rendered().get(0).content());
		for (int i = 0; i < ROWS.length; i++) {
			RenderedPdf document = batch.rendered().get(i);
			ComposedDocument.InBatch inBatch = document.batch();
			assertThat(inBatch).as("a printed document of a batch").isNotNull();
			assertThat(document.content()).as("one file for the batch").isSameAs(batch.rendered().get(0).content());
			this.locations.add(DocumentArchive.location(this.file, inBatch.firstPage(), document.pages()));
			this.sha256s.add(inBatch.sha256());
			this.pages.add(document.pages());
		}
	}

	@Test
	void shouldGiveEachDocumentBackAsAPdfAOfItsOwnPagesTheSameBytesEveryTime() throws IOException {
		assertThat(this.pages.get(1)).isGreaterThan(1);
		for (int i = 0; i < ROWS.length; i++) {
			byte[] document = this.archive.read(this.locations.get(i)).orElseThrow();

			assertThat(this.archive.read(this.locations.get(i))).hasValue(document);
			assertThat(PdfAValidation.violations(document, PDFAFlavour.PDFA_2_B)).as("PDF/A-2b").isEmpty();
			try (PDDocument pdf = Loader.loadPDF(document)) {
				assertThat(pdf.getNumberOfPages()).isEqualTo(this.pages.get(i));
				assertThat(BatchFiles.sha256(pdf, 0, pdf.getNumberOfPages())).as("the ledger's SHA-256")
					.isEqualTo(this.sha256s.get(i));
				assertThat(new PDFTextStripper().getText(pdf)).contains(StatementSamples.customerId(i))
					.doesNotContain(StatementSamples.customerId((i + 1) % ROWS.length))
					.doesNotContain(StatementSamples.customerId((i + 2) % ROWS.length));
				assertThat(pdf.getDocumentInformation().getTitle()).isNotBlank();
				assertThat(pdf.getPage(0).getCOSObject().containsKey("PieceInfo")).isFalse();
			}
		}
		Path file = this.home.resolve("archive").resolve(this.file);
		assertThat(this.archive.describe(this.locations.get(0))).isEqualTo(file + ", page 1");
		assertThat(this.archive.describe(this.locations.get(1)))
			.isEqualTo(file + ", pages 2-" + (1 + this.pages.get(1)));
	}

	@Test
	void shouldRefuseToGiveBackPagesThatAreNotTheDocumentTheLedgerNames() {
		// the second statement has more than one page: one page of it is not it
		String onePage = this.locations.get(1).replaceFirst("-\\d+$", "-2");
		assertThat(onePage).endsWith("#pages=2-2");
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> this.archive.read(onePage))
			.withMessageContaining("the ledger says 1");
	}

	@Test
	void shouldEraseADocumentFromItsBatchAndDeleteTheFileWithItsLastDocument() throws IOException {
		byte[] lastBefore = this.archive.read(this.locations.get(2)).orElseThrow();
		Path batchFile = this.archive.pages(this.locations.get(2)).file();
		assertThat(PdfAValidation.violations(Files.readAllBytes(batchFile), PDFAFlavour.PDFA_2_B)).isEmpty();
		assertThat(xmpPackets(batchFile)).as("the batch's own and one a document").isEqualTo(1 + ROWS.length);

		this.archive.delete(List.of(this.locations.get(0), this.locations.get(1)));

		assertThat(this.archive.read(this.locations.get(0))).isEmpty();
		assertThat(this.archive.read(this.locations.get(1))).isEmpty();
		assertThat(this.archive.read(this.locations.get(2))).hasValue(lastBefore);
		assertThat(PdfAValidation.violations(Files.readAllBytes(batchFile), PDFAFlavour.PDFA_2_B)).isEmpty();
		assertThat(xmpPackets(batchFile)).as("the erased documents' metadata gone").isEqualTo(2);
		try (PDDocument pdf = Loader.loadPDF(batchFile.toFile())) {
			assertThat(pdf.getNumberOfPages()).as("erased pages stay, blank").isEqualTo(2 + this.pages.get(1));
			assertThat(new PDFTextStripper().getText(pdf)).doesNotContain(StatementSamples.customerId(0))
				.doesNotContain(StatementSamples.customerId(1))
				.contains(StatementSamples.customerId(2));
		}

		this.archive.delete(List.of(this.locations.get(0), this.locations.get(2)));

		assertThat(batchFile).doesNotExist();
		assertThat(this.archive.read(this.locations.get(2))).isEmpty();
		assertThat(batchFile.getParent()).isEmptyDirectory();
	}

	@Test
	void shouldEraseDocumentsOfOneFileAtOnceWithoutWritingBackWhatAnotherErased() throws Exception {
		// given two archives of the home (a purge and an erasure request) erasing a
		// document each from the same batch's file at the same moment
		DocumentArchive other = Archives.in(this.home);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<?> first = pool.submit(() -> {
				start.await();
				this.archive.delete(List.of(this.locations.get(0)));
				return null;
			});
			Future<?> second = pool.submit(() -> {
				start.await();
				other.delete(List.of(this.locations.get(1)));
				return null;
			});
			// when
			start.countDown();
			first.get();
			second.get();
		}
		finally {
			pool.shutdown();
		}
		// then both are gone, and the third is still there
		assertThat(this.archive.read(this.locations.get(0))).isEmpty();
		assertThat(this.archive.read(this.locations.get(1))).isEmpty();
		assertThat(this.archive.read(this.locations.get(2))).isPresent();
	}

	@Test
	@Timeout(180)
	void shouldWaitForAnotherProcessErasingFromTheSameFileAndKeepWhatItErased() throws Exception {
		// given another process erasing the second document, holding the file's lock
		Path batchFile = this.archive.pages(this.locations.get(1)).file();
		Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), ErasingProcess.class.getName(), batchFile.toString(),
				String.valueOf(this.archive.pages(this.locations.get(1)).firstPage()))
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try (BufferedReader said = new BufferedReader(
				new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
			pool.submit(() -> {
				for (String line = said.readLine(); !"locked".equals(line); line = said.readLine()) {
					assertThat(line).as("the other process ended before it held the lock").isNotNull();
				}
				return null;
			}).get(60, TimeUnit.SECONDS);
			// when this process erases the first document meanwhile
			Future<?> erasing = pool.submit(() -> this.archive.delete(List.of(this.locations.get(0))));
			// then it waits for the other's lock (the other exits with 3 if this one
			// wrote
			// the file meanwhile)
			assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> erasing.get(1, TimeUnit.SECONDS));
			// and, once the other has written the file, erases from what it wrote
			other.getOutputStream().write('\n');
			other.getOutputStream().close();
			assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(other.exitValue()).as("the other process's exit code").isZero();
			erasing.get(60, TimeUnit.SECONDS);
		}
		finally {
			pool.shutdownNow();
			other.destroyForcibly();
		}
		assertThat(this.archive.read(this.locations.get(0))).isEmpty();
		assertThat(this.archive.read(this.locations.get(1))).as("what the other process erased").isEmpty();
		assertThat(this.archive.read(this.locations.get(2))).isPresent();
	}

	@Test
	void shouldDeleteOnlyTheOldBatchFilesNoDocumentIsIn() throws IOException {
		// given the batch recorded, and the same batch laid out again by a stopped run,
		// an hour ago and two days ago, and never recorded
		Path recorded = this.archive.pages(this.locations.get(0)).file();
		byte[] content = Files.readAllBytes(recorded);
		Path hourOld = this.archive.pages(this.archive.storeBatch(StatementSamples.id(1), content) + "#pages=1-1")
			.file();
		Path daysOld = this.archive.pages(this.archive.storeBatch(StatementSamples.id(2), content) + "#pages=1-1")
			.file();
		Instant now = Instant.now();
		Files.setLastModifiedTime(recorded, FileTime.from(now.minus(Duration.ofDays(3))));
		Files.setLastModifiedTime(hourOld, FileTime.from(now.minus(Duration.ofHours(1))));
		Files.setLastModifiedTime(daysOld, FileTime.from(now.minus(Duration.ofDays(2))));
		// when
		int counted = this.archive.countUnrecordedBatchFiles(this.locations::forEach, now.minus(Duration.ofDays(1)));
		int deleted = this.archive.deleteUnrecordedBatchFiles(this.locations::forEach, now.minus(Duration.ofDays(1)));
		// then
		assertThat(counted).as("counted, as a dry run does, before").isEqualTo(1);
		assertThat(deleted).isEqualTo(1);
		assertThat(daysOld).doesNotExist();
		assertThat(recorded).exists();
		assertThat(hourOld).as("a render stage may record it yet").exists();
	}

	private static int xmpPackets(Path file) throws IOException {
		String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
		return bytes.split("<pdfaid:part>", -1).length - 1;
	}

}
