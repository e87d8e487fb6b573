package io.tidings;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a log line of a stage says about the run it belongs to, on the step's thread and
 * on the threads it hands work to.
 */
class RunLogContextTests {

	private final RunLogContext context = new RunLogContext();

	private final JobParameters parameters = new JobParametersBuilder().addString("campaign", "quarterly-statements")
		.addString("runKey", "2026-09-30")
		.toJobParameters();

	private final JobExecution job = new JobExecution(1L, new JobInstance(1L, "campaignRunJob"), this.parameters);

	@Test
	void shouldPrintTheRunStepAndPartitionInTheDefaultPatternWhileAStepRunsAndNothingAfter() throws IOException {
		// given the console pattern of application.properties
		PatternLayout layout = layout(consolePattern());
		StepExecution partition = new StepExecution(2L, "renderDocumentsPartitionStep:partition3", this.job);
		// when
		this.context.beforeJob(this.job);
		this.context.beforeStep(partition);
		String during = layout.doLayout(event("render: 10 done"));
		this.context.afterStep(partition);
		String betweenSteps = layout.doLayout(event("between"));
		this.context.afterJob(this.job);
		String after = layout.doLayout(event("after"));
		// then
		assertThat(during)
			.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  \\[main\\] "
					+ "\\[quarterly-statements/2026-09-30 renderDocumentsPartitionStep:partition3\\] progress - "
					+ "render: 10 done\\R");
		assertThat(betweenSteps).contains("INFO  [main] [quarterly-statements/2026-09-30] progress - between");
		assertThat(after).contains("INFO  [main] progress - after");
		assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
	}

	@Test
	void shouldCarryTheStepsContextToAPoolThreadAndPutTheThreadsOwnBack() throws Exception {
		// given
		ExecutorService pool = Executors.newSingleThreadExecutor();
		StepExecution render = new StepExecution(2L, "renderDocumentsStep", this.job);
		AtomicReference<String> seen = new AtomicReference<>();
		try {
			// when
			this.context.beforeStep(render);
			CompletableFuture
				.runAsync(RunLogContext.carry(() -> seen.set(MDC.get("campaign") + " " + MDC.get("step"))), pool)
				.get();
			this.context.afterStep(render);
			String left = CompletableFuture.supplyAsync(() -> String.valueOf(MDC.getCopyOfContextMap()), pool).get();
			// then
			assertThat(seen).hasValue("quarterly-statements renderDocumentsStep");
			assertThat(left).isIn("null", "{}");
			assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
		}
		finally {
			pool.shutdown();
		}
	}

	private static String consolePattern() throws IOException {
		Properties properties = new Properties();
		try (InputStream in = RunLogContextTests.class.getResourceAsStream("/application.properties")) {
			properties.load(in);
		}
		return properties.getProperty("logging.pattern.console");
	}

	private static PatternLayout layout(String pattern) {
		LoggerContext loggers = new LoggerContext();
		PatternLayout layout = new PatternLayout();
		layout.getInstanceConverterMap().put("runContext", LogContextConverter::new);
		layout.setContext(loggers);
		layout.setPattern(pattern);
		layout.start();
		return layout;
	}

	private static LoggingEvent event(String message) {
		LoggingEvent event = new LoggingEvent();
		event.setLoggerName("io.tidings.progress");
		event.setLevel(Level.INFO);
		event.setThreadName("main");
		event.setMessage(message);
		event.setTimeStamp(System.currentTimeMillis());
		Map<String, String> context = MDC.getCopyOfContextMap();
		event.setMDCPropertyMap((context != null) ? context : Map.of());
		return event;
	}

}
