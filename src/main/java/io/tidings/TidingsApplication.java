package io.tidings;

import java.time.Clock;

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

	@Bean
	Clock clock() {
		return Clock.systemDefaultZone();
	}

}
