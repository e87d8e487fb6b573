package io.tidings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.util.FileSystemUtils;

/**
 * How the integration tests start the packaged jar (when the system property
 * {@code tidings.test.quick-start} is {@code true}, as Failsafe sets it): on the quick
 * compiler alone and the serial collector, which halve the CPU time of a child that runs
 * for a minute or less on two cores, and with the application's classes from a class-data
 * sharing archive. The archive is made once per jar: the jar is extracted
 * ({@code -Djarmode=tools extract}, as the archive cannot hold classes of nested jars)
 * into {@code target/quick-start} and the small campaign is run once with
 * {@code -XX:ArchiveClassesAtExit}. Benchmarks do not set the property: they measure the
 * JVM as the launcher starts it, as users run it.
 */
final class QuickStart {

	static final boolean ENABLED = Boolean.getBoolean("tidings.test.quick-start");

	private static final List<String> COMPILER_AND_COLLECTOR = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

	private static final Path FOLDER = TestCampaigns.PROJECT.resolve("target/quick-start");

	private static final Path EXTRACTED_JAR = FOLDER.resolve("app/tidings.jar");

	private static final Path ARCHIVE = FOLDER.resolve("tidings.jsa");

	private static final Path STAMP = FOLDER.resolve("made-from");

	private static List<String> options;

	private QuickStart() {
	}

	/**
	 * The JVM options and {@code -jar <jar>} that start the packaged application.
	 */
	static synchronized List<String> jvmOptionsAndJar(Path jar) {
		if (options == null) {
			options = prepare(jar);
		}
		return options;
	}

	private static List<String> prepare(Path jar) {
		try {
			Files.createDirectories(FOLDER.getParent());
			// Failsafe forks, if several, make the archive once
			try (FileChannel channel = FileChannel.open(FOLDER.resolveSibling("quick-start.lock"),
					StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
				FileLock lock = channel.lock();
				try {
					String madeFrom = jar + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
					if (!Files.exists(STAMP) || !Files.readString(STAMP).equals(madeFrom)) {
						FileSystemUtils.deleteRecursively(FOLDER);
						Files.createDirectories(FOLDER);
						makeArchive(jar);
						Files.writeString(STAMP, madeFrom);
					}
				}
				finally {
					lock.release();
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> options = new ArrayList<>(COMPILER_AND_COLLECTOR);
		if (!Files.exists(ARCHIVE)) {
			// the training run failed (its log is in target/quick-start): start from the
			// nested jar, only slower
			options.addAll(List.of("-jar", jar.toString()));
			return options;
		}
		options.add("-XX:SharedArchiveFile=" + ARCHIVE);
		options.addAll(List.of("-jar", EXTRACTED_JAR.toString()));
		return options;
	}

	private static void makeArchive(Path jar) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		run(List.of(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
				FOLDER.resolve("app").toString()), "extract");
		Path training = FOLDER.resolve("training");
		Path job = TestCampaigns.smallCampaign(training);
		List<String> command = new ArrayList<>(List.of(java, "-Dtidings.jobs.allowed-roots=" + TestCampaigns.PROJECT,
				"-XX:ArchiveClassesAtExit=" + ARCHIVE));
		command.addAll(COMPILER_AND_COLLECTOR);
		command.addAll(List.of("-jar", EXTRACTED_JAR.toString(), "run", job.toString(), "--as-of", "2026-09-30",
				"--home", training.resolve("home").toString()));
		run(command, "training");
	}

	private static void run(List<String> command, String name) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(FOLDER.resolve(name + ".log").toFile())
			.start();
		try {
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
