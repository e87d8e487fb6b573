package io.tidings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Makes the home folder, and its database and log folders, owner-only (700) as the
 * application starts: before the log file is opened and before H2 creates its files, so
 * that whatever they hold is out of other local users' reach, however the process was
 * started.
 */
class OwnerOnlyHome implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String home = environment.getProperty("tidings.home");
		if (home == null || home.isBlank()) {
			return;
		}
		try {
			Path folder = OwnerOnly.folders(Path.of(home));
			try {
				OwnerOnly.restrictFolder(folder);
			}
			catch (FileSystemException ex) {
				// another user's folder, which this process may use but not change
			}
			OwnerOnly.folders(folder.resolve("logs"));
			String database = environment.getProperty("spring.datasource.url", "");
			if (EmbeddedH2.isFile(database)) {
				Path parent = EmbeddedH2.path(database).getParent();
				if (parent != null) {
					OwnerOnly.folders(parent);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot make the home folder " + home + " owner-only", ex);
		}
	}

	@Override
	public int getOrder() {
		// after the application's properties are read
		return Ordered.LOWEST_PRECEDENCE;
	}

}
