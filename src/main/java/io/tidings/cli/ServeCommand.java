package io.tidings.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * {@code tidings serve}: the web console, the scheduler of the job files and the HTTP
 * endpoints (Twilio webhooks, one-click unsubscribe, the preference centre) until the
 * process is stopped.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
		description = { "Serves the web console (http://localhost:8080/), runs the job files of jobs/ on their "
				+ "schedules, and serves the webhooks (POST /webhooks/twilio/status, /webhooks/twilio/inbound), "
				+ "one-click unsubscribe (POST /unsubscribe/{token}) and the preference centre (/p/{token}, "
				+ "/p/{token}/interest) on SERVER_PORT (default 8080) until stopped." })
class ServeCommand implements TidingsSubcommand {

	@Override
	public boolean web() {
		return true;
	}

	@Override
	public int run(ApplicationContext context, PrintWriter out) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		out.println("Tidings serves on port " + port
				+ ": POST /webhooks/twilio/status, /webhooks/twilio/inbound, /unsubscribe/{token}; "
				+ "preference centre /p/{token}");
		out.println(
				"Console: http://localhost:" + port + "/ (health: /actuator/health, metrics: /actuator/prometheus)");
		untilStopped(context);
		return TidingsCommandLine.OK;
	}

	/** Waits until the application is stopped (Ctrl-C, SIGTERM). */
	static void untilStopped(ApplicationContext context) {
		CountDownLatch closed = new CountDownLatch(1);
		((ConfigurableApplicationContext) context)
			.addApplicationListener((ContextClosedEvent event) -> closed.countDown());
		try {
			closed.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
