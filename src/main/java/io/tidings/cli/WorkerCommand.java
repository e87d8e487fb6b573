package io.tidings.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;

import io.tidings.InvalidInputException;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * {@code tidings worker}: takes partitions of campaign runs from the broker and runs
 * them, until the process is stopped.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, description = {
		"Joins the broker (tidings.partitioning.broker-url) and imports customers, selects, decides, renders, delivers or places printed documents for the partitions that "
				+ "`tidings run --partitions N` sends, one at a time, until stopped. Needs the same database "
				+ "(PostgreSQL), home folder and job files as the run." })
class WorkerCommand implements TidingsSubcommand {

	private static final String BROKER_URL = "tidings.partitioning.broker-url";

	@Override
	public Map<String, String> properties() {
		return Map.of("tidings.partitioning.worker", "true");
	}

	@Override
	public int run(ApplicationContext context, PrintWriter out) {
		requirePartitioning(context, "tidings worker");
		CountDownLatch closed = new CountDownLatch(1);
		((ConfigurableApplicationContext) context)
			.addApplicationListener((ContextClosedEvent event) -> closed.countDown());
		out.println("Tidings worker: waiting for partitions from " + context.getEnvironment().getProperty(BROKER_URL)
				+ " (stop with Ctrl-C)");
		try {
			closed.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return TidingsCommandLine.OK;
	}

	static void requirePartitioning(ApplicationContext context, String what) {
		String url = context.getEnvironment().getProperty(BROKER_URL);
		if (url == null || url.isBlank()) {
			throw new InvalidInputException(what + " needs a broker: set " + BROKER_URL
					+ " (TIDINGS_PARTITIONING_BROKERURL), e.g. tcp://broker.example:61616");
		}
	}

}
