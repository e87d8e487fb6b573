package io.tidings;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the terminal leaves to the log file: the failures the command reports in one line
 * itself, and traces.
 */
class TerminalLogFilterTests {

	private final TerminalLogFilter filter = new TerminalLogFilter();

	private final LoggerContext context = new LoggerContext();

	@Test
	void shouldKeepAFailedStepsErrorsAndTracesOffTheTerminal() {
		assertThat(decide("org.springframework.batch.core.step.AbstractStep", Level.ERROR,
				"Encountered an error executing step deliverCommunicationsStep in job campaignRunJob"))
			.isEqualTo(FilterReply.DENY);
		assertThat(decide(TerminalLogFilter.TRACES, Level.ERROR, "Unexpected failure")).isEqualTo(FilterReply.DENY);
		assertThat(decide("org.springframework.boot.SpringApplication", Level.ERROR, "Application run failed"))
			.isEqualTo(FilterReply.DENY);
		assertThat(decide("org.springframework.context.annotation.AnnotationConfigApplicationContext", Level.WARN,
				"Exception encountered during context initialization - cancelling refresh attempt"))
			.isEqualTo(FilterReply.DENY);
	}

	@Test
	void shouldShowProgressWarningsAndOtherErrors() {
		assertThat(decide("io.tidings.progress", Level.INFO, "render: 200 done")).isEqualTo(FilterReply.NEUTRAL);
		assertThat(decide("org.springframework.batch.core.step.AbstractStep", Level.WARN, "a warning"))
			.isEqualTo(FilterReply.NEUTRAL);
		assertThat(decide("io.tidings.campaign.CommunicationDeliveryWriter", Level.ERROR, "an error"))
			.isEqualTo(FilterReply.NEUTRAL);
	}

	private FilterReply decide(String logger, Level level, String message) {
		LoggingEvent event = new LoggingEvent(TerminalLogFilterTests.class.getName(), this.context.getLogger(logger),
				level, message, null, null);
		return this.filter.decide(event);
	}

}
