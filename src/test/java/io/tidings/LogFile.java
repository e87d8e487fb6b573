package io.tidings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

/**
 * The log file this JVM writes to: that of the first application context that set up the
 * logging (the tests start many in one JVM), read back whole.
 */
public final class LogFile {

	private LogFile() {
	}

	public static String read() throws IOException {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		if (!(root.getAppender("FILE") instanceof FileAppender<?> file) || file.getFile() == null) {
			throw new IllegalStateException("no log file is written");
		}
		return Files.readString(Path.of(file.getFile()));
	}

}
