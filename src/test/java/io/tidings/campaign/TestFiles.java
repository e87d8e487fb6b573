package io.tidings.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.tidings.TestCampaigns;

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
