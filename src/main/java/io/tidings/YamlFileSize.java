package io.tidings;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.unit.DataSize;

/**
 * Applies {@code tidings.yaml.max-file-size} (default 1 MiB) to {@link YamlFiles} as the
 * application starts, before any job, offers, mapping or model file is read.
 */
class YamlFileSize implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		DataSize size = Binder.get(environment)
			.bind("tidings.yaml.max-file-size", DataSize.class)
			.orElse(DataSize.ofBytes(YamlFiles.DEFAULT_MAX_FILE_SIZE));
		YamlFiles.maxFileSize(size.toBytes());
	}

	@Override
	public int getOrder() {
		// after the application's properties are read
		return Ordered.LOWEST_PRECEDENCE;
	}

}
