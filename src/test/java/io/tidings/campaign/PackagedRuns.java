package io.tidings.campaign;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.h2.tools.Server;

import io.tidings.PackagedTidings;
import io.tidings.TestCampaigns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tidings run <job> --as-of <day>} of the packaged jar in child processes started
 * from a project folder, each writing what it prints to {@code <home>/<name>.log}, and
 * killed with SIGKILL when a test says.
 *
 * @param project the working folder of the processes
 * @param asOf the run key
 */
record PackagedRuns(Path project, String asOf) {

	/**
	 * Copies the sample project (job files, samples, templates) into the folder, with the
	 * sample job's contact policy left out: with it, what goes would depend on the day
	 * and hour the test runs.
	 * @return the sample job file of the copy
	 */
	static Path copySampleProjectWithoutPolicy(Path project) throws IOException {
		for (String folder : new String[] { "jobs", "samples", "templates" }) {
			TestFiles.copyTree(TestCampaigns.PROJECT.resolve(folder), project.resolve(folder));
		}
		Path job = project.resolve("jobs/quarterly-statements.yml");
		String text = Files.readString(job);
		Files.writeString(job, text.substring(0, text.indexOf("\npolicy:") + 1));
		return job;
	}

	Process start(Path job, Path home, Map<String, String> environment, String name) throws IOException {
		return start(job, home, environment, name, 0);
	}

	/**
	 * @param fileSizeLimit largest file the process may write, in KB; 0 for no limit
	 */
	Process start(Path job, Path home, Map<String, String> environment, String name, int fileSizeLimit)
			throws IOException {
		Files.createDirectories(home);
		List<String> command = new ArrayList<>();
		if (fileSizeLimit > 0) {
			command.addAll(List.of("bash", "-c", "ulimit -f " + fileSizeLimit + " && exec \"$@\"", "bash"));
		}
		command.addAll(PackagedTidings.command(home, List.of(), "run", job.toString(), "--as-of", this.asOf));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.project.toFile())
			.redirectErrorStream(true)
			.redirectOutput(home.resolve(name + ".log").toFile());
		builder.environment().putAll(environment);
		return builder.start();
	}

	/**
	 * Runs the command to its end and returns what it printed, having checked that it
	 * succeeded.
	 */
	String runToTheEnd(Path job, Path home, Map<String, String> environment, String name) throws Exception {
		Process process = start(job, home, environment, name);
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError(name + " did not end in time:\n" + log(home, name));
		}
		String printed = log(home, name);
		assertThat(process.exitValue()).as(printed).isZero();
		return printed;
	}

	static String log(Path home, String name) throws IOException {
		return Files.readString(home.resolve(name + ".log"));
	}

	/**
	 * Waits until the count reaches at least the given number while the process runs.
	 * @return the count reached
	 */
	static long waitUntil(CheckedCount count, long atLeast, Process process) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (Instant.now().isBefore(deadline)) {
			long current = count.get();
			if (current >= atLeast) {
				return current;
			}
			if (!process.isAlive()) {
				throw new AssertionError("the run ended before it could be killed");
			}
			Thread.sleep(20);
		}
		throw new AssertionError("the run did not reach " + atLeast + " in time");
	}

	static void kill(Process process) throws InterruptedException {
		process.destroyForcibly();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * The environment of a process whose database is the home's, served by an H2 server
	 * of the test on that port, so that the test can read it while the process runs.
	 */
	static Map<String, String> remoteDatabase(Path home, int port) {
		return Map.of("SPRING_DATASOURCE_URL", remoteDatabaseUrl(home, port) + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=64",
				"SPRING_DATASOURCE_HIKARI_CONNECTIONTIMEOUT", "2000");
	}

	static String remoteDatabaseUrl(Path home, int port) {
		return "jdbc:h2:tcp://localhost:" + port + "/" + home.resolve("db/tidings");
	}

	static Server startDatabase(int port) throws SQLException {
		return Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
	}

	@FunctionalInterface
	interface CheckedCount {

		long get() throws IOException, SQLException;

	}

}
