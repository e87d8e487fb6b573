package io.tidings.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

import io.tidings.TestCampaigns;
import io.tidings.archive.BatchFiles;

/**
 * Files of test runs: copies of the project's folders, and counts of what a run wrote.
 */
public final class TestFiles {

	private TestFiles() {
	}

	static Stream<Path> list(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.toList().stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Copies the sample campaign (jobs, samples, templates) into the folder and cuts the
	 * contact policy out of its job file, so that every channel is sent on the run's day.
	 * @return the job file
	 */
	static Path sampleCampaignWithoutPolicy(Path project) throws IOException {
		for (String folder : new String[] { "jobs", "samples", "templates" }) {
			copyTree(TestCampaigns.PROJECT.resolve(folder), project.resolve(folder));
		}
		Path job = project.resolve("jobs/quarterly-statements.yml");
		String text = Files.readString(job);
		Files.writeString(job, text.substring(0, text.indexOf("\npolicy:") + 1));
		return job;
	}

	/**
	 * Files under a folder whose name ends with the suffix; 0 when there is no folder.
	 */
	static long count(Path folder, String suffix) throws IOException {
		if (!Files.isDirectory(folder)) {
			return 0;
		}
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(path -> path.toString().endsWith(suffix)).count();
		}
	}

	/**
	 * Documents in an archive: a file each, and the documents of each batch's file; 0
	 * when there is no archive.
	 */
	static long archivedDocuments(Path archive) throws IOException {
		if (!Files.isDirectory(archive)) {
			return 0;
		}
		long documents = 0;
		try (Stream<Path> files = Files.walk(archive)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				documents += file.toString().endsWith(".batch.pdf") ? documentsIn(file) : 1;
			}
		}
		return documents;
	}

	private static long documentsIn(Path batchFile) throws IOException {
		try (PDDocument batch = Loader.loadPDF(batchFile.toFile())) {
			long documents = 0;
			for (PDPage page : batch.getPages()) {
				documents += BatchFiles.pages(page).isPresent() ? 1 : 0;
			}
			return documents;
		}
	}

	/**
	 * Copies a folder with all it holds.
	 */
	public static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : paths.toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

}
