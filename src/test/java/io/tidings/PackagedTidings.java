package io.tidings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The packaged application ({@code target/tidings.jar}, which {@code package} builds
 * before the integration tests run) as the command line of a JVM of its own.
 */
public final class PackagedTidings {

	private static final Path JAR = TestCampaigns.PROJECT.resolve("target/tidings.jar");

	/**
	 * JVM options for a process that starts exactly as users start the jar, never the
	 * quick way: {@code java -jar} of the nested jar, on the launcher's collector.
	 */
	public static final List<String> AS_USERS_DO = List.of("-Dtidings.test.as-users-do=true");

	/**
	 * The collector the {@code ./tidings} launcher picks unless the options name one: the
	 * packaged jar's processes here run on it too, so that tests and benchmarks see what
	 * users get.
	 */
	private static final String LAUNCHER_COLLECTOR = "-XX:+UseParallelGC";

	private static final Pattern COLLECTOR = Pattern
		.compile("(^|\\s)-XX:\\+Use(Serial|Parallel|G1|Z|Shenandoah|Epsilon)GC(\\s|$)");

	private PackagedTidings() {
	}

	/**
	 * {@code java <jvm options> -jar target/tidings.jar <arguments> --home <home>}, where
	 * job files in temporary folders may name the project's templates, offers and
	 * mappings. Under Failsafe the JVM starts the quick way ({@link QuickStart}) unless
	 * the options include {@link #AS_USERS_DO}; otherwise on the launcher's collector
	 * unless the options name one.
	 */
	public static List<String> command(Path home, List<String> jvmOptions, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command
			.add("-Dtidings.jobs.allowed-roots=" + TestCampaigns.PROJECT + "," + System.getProperty("java.io.tmpdir"));
		boolean quick = QuickStart.ENABLED && !jvmOptions.containsAll(AS_USERS_DO);
		// the quick way picks a collector of its own
		String named = String.join(" ", jvmOptions) + " "
				+ Objects.requireNonNullElse(System.getenv("JDK_JAVA_OPTIONS"), "") + " "
				+ Objects.requireNonNullElse(System.getenv("JAVA_TOOL_OPTIONS"), "");
		if (!quick && !COLLECTOR.matcher(named).find()) {
			command.add(LAUNCHER_COLLECTOR);
		}
		command.addAll(jvmOptions);
		command.addAll(quick ? QuickStart.jvmOptionsAndJar(JAR) : List.of("-jar", JAR.toString()));
		command.addAll(List.of(arguments));
		command.addAll(List.of("--home", home.toString()));
		return command;
	}

}
