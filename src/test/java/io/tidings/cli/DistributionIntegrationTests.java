package io.tidings.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distribution archive {@code package} builds
 * ({@code target/tidings-<version>.tar.gz}), unpacked into a temporary folder and run
 * through its launcher from another folder, as someone who installed it would.
 */
class DistributionIntegrationTests {

	private static final Path TARGET = TestCampaigns.PROJECT.resolve("target");

	@TempDir
	Path folder;

	@Test
	void shouldRunFromAnyFolderWhenUnpackedOnTheParallelCollectorAndRefuseAJavaOlderThan17() throws Exception {
		// given the archive unpacked, and a working folder elsewhere
		Path archive;
		try (Stream<Path> files = Files.list(TARGET)) {
			archive = files.filter(file -> file.getFileName().toString().matches("tidings-.+\\.tar\\.gz"))
				.findFirst()
				.orElseThrow();
		}
		assertThat(run(List.of("tar", "-xzf", archive.toString(), "-C", this.folder.toString()), this.folder, Map.of())
			.exitCode()).isZero();
		String version = archive.getFileName().toString().replaceFirst("^tidings-(.+)\\.tar\\.gz$", "$1");
		Path unpacked = this.folder.resolve("tidings-" + version);
		assertThat(unpacked.resolve("tidings.jar")).isRegularFile();
		assertThat(unpacked.resolve("completion/tidings.bash")).isRegularFile();
		assertThat(unpacked.resolve("man/man1/tidings-run.1")).isRegularFile();
		Path elsewhere = Files.createDirectories(this.folder.resolve("elsewhere"));
		String launcher = unpacked.resolve("tidings").toString();
		Map<String, String> java17 = Map.of("JAVA_HOME", System.getProperty("java.home"), "TIDINGS_JAVA_OPTS",
				"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
		// when the version is asked for
		CommandResult shown = run(List.of(launcher, "--version"), elsewhere, java17);
		// then it is this build's, with its commit
		assertThat(shown.exitCode()).as(shown.toString()).isZero();
		assertThat(shown.out()).matches("Tidings " + Pattern.quote(version) + " \\(commit "
				+ gitProperty("git.commit.id.abbrev") + ", built \\S+Z\\)\\R");
		// when a proof is asked for, the job file naming its templates, offers and inputs
		// relative to itself, on an empty home: all found and allowed, and only then the
		// customer is missing
		CommandResult preview = run(List.of(launcher, "preview", "statement/statement.ftlh", "--customer", "C000001",
				"--job", unpacked.resolve("jobs/quarterly-statements.yml").toString(), "--home",
				this.folder.resolve("home").toString()), elsewhere, java17);
		assertThat(preview.exitCode()).as(preview.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(preview.err()).as(preview.toString()).contains("error: no customer with id C000001");
		// when JAVA_HOME is a Java 11
		Path oldJava = Files.createDirectories(this.folder.resolve("jdk-11/bin")).resolve("java");
		Files.writeString(oldJava, "#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n");
		Files.setPosixFilePermissions(oldJava, PosixFilePermissions.fromString("rwx------"));
		CommandResult refused = run(List.of(launcher, "--version"), elsewhere,
				Map.of("JAVA_HOME", oldJava.getParent().getParent().toString()));
		// then it is refused as bad usage, saying why
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(refused.err()).contains("Tidings needs Java 17 or later", oldJava + " is Java 11.0.2");
		assertThat(refused.out()).isEmpty();
		// when a Java 17 that prints what it is started with runs it, without options and
		// with options that pick a collector
		Path echoingJava = Files.createDirectories(this.folder.resolve("jdk-17/bin")).resolve("java");
		Files.writeString(echoingJava, """
				#!/bin/sh
				if [ "$1" = -version ]; then echo 'openjdk version "17.0.2" 2022-01-18' >&2; exit 0; fi
				echo "$@"
				""");
		Files.setPosixFilePermissions(echoingJava, PosixFilePermissions.fromString("rwx------"));
		String echoingHome = echoingJava.getParent().getParent().toString();
		CommandResult plain = run(List.of(launcher, "--version"), elsewhere, Map.of("JAVA_HOME", echoingHome));
		CommandResult chosen = run(List.of(launcher, "--version"), elsewhere,
				Map.of("JAVA_HOME", echoingHome, "TIDINGS_JAVA_OPTS", "-Xmx1g -XX:+UseG1GC"));
		CommandResult chosenForEveryJava = run(List.of(launcher, "--version"), elsewhere,
				Map.of("JAVA_HOME", echoingHome, "JAVA_TOOL_OPTIONS", "-XX:+UseSerialGC"));
		// then the parallel collector unless the options name one
		assertThat(chosenForEveryJava.out()).as(chosenForEveryJava.toString())
			.isEqualTo("-jar " + unpacked.toRealPath().resolve("tidings.jar") + " --version\n");
		assertThat(plain.out()).as(plain.toString())
			.isEqualTo("-XX:+UseParallelGC -jar " + unpacked.toRealPath().resolve("tidings.jar") + " --version\n");
		assertThat(chosen.out()).as(chosen.toString())
			.isEqualTo("-Xmx1g -XX:+UseG1GC -jar " + unpacked.toRealPath().resolve("tidings.jar") + " --version\n");
	}

	private CommandResult run(List<String> command, Path workingFolder, Map<String, String> environment)
			throws IOException, InterruptedException {
		Path out = Files.createTempFile(this.folder, "out", ".txt");
		Path err = Files.createTempFile(this.folder, "err", ".txt");
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingFolder.toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile());
		builder.environment()
			.keySet()
			.removeAll(List.of("TIDINGS_HOME", "TIDINGS_JAVA_OPTS", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS"));
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly().waitFor();
			throw new AssertionError(command + " did not end in 2 minutes");
		}
		return new CommandResult(process.exitValue(), Files.readAllBytes(out), Files.readString(err));
	}

	private static String gitProperty(String name) throws IOException {
		Properties git = new Properties();
		try (InputStream in = Files.newInputStream(TARGET.resolve("classes/git.properties"))) {
			git.load(in);
		}
		return git.getProperty(name);
	}

}
