package io.tidings.cli;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code tidings --version}: the version and build time the build recorded
 * ({@code META-INF/build-info.properties}) and the commit it was built from
 * ({@code git.properties}, absent when built from sources without their history).
 */
class BuildVersion implements IVersionProvider {

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'")
		.withZone(ZoneOffset.UTC);

	@Override
	public String[] getVersion() throws IOException {
		return new String[] { describe(load("META-INF/build-info.properties"), load("git.properties")) };
	}

	/** "Tidings 0.1.0 (commit 7ee1304, built 2026-12-04T12:30Z)". */
	static String describe(Properties build, Properties git) {
		List<String> details = new ArrayList<>();
		String commit = git.getProperty("git.commit.id.abbrev");
		if (commit != null) {
			details.add("commit " + commit);
		}
		String time = build.getProperty("build.time");
		if (time != null) {
			details.add("built " + MINUTE.format(Instant.parse(time)));
		}
		return "Tidings " + build.getProperty("build.version", "(development build)")
				+ (details.isEmpty() ? "" : " (" + String.join(", ", details) + ")");
	}

	private static Properties load(String resource) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = BuildVersion.class.getClassLoader().getResourceAsStream(resource)) {
			if (in != null) {
				properties.load(in);
			}
		}
		return properties;
	}

}
