package io.tidings;

import java.time.Clock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * Tidings: a customer communication management batch engine. {@link #main} is the
 * {@code tidings} command line.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TidingsApplication {

	public static void main(String[] args) {
		System.exit(io.tidings.cli.TidingsCommandLine.execute(args));
	}

	@Bean
	Clock clock() {
		return Clock.systemDefaultZone();
	}

}
