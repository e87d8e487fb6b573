package io.tidings;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * Tidings: a customer communication management batch engine. The {@code tidings} command
 * line ({@code io.tidings.cli.TidingsCommandLine}) starts it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TidingsApplication {

	private static final Logger logger = LoggerFactory.getLogger(TidingsApplication.class);

	@Bean
	Clock clock(ClockSettings settings) {
		if (settings.start() != null) {
			logger.warn("The clock is moved: this process's time started at {} (tidings.clock.start)",
					settings.start());
		}
		return settings.clock();
	}

}
