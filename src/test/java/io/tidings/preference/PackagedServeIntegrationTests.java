package io.tidings.preference;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.PackagedTidings;
import io.tidings.TestCampaigns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tidings serve} as users start it, the packaged jar in a process of its own: it
 * answers health checks, serves the preference centre whose links a run of the packaged
 * jar put in its emails, and records a one-click unsubscribe that {@code tidings history}
 * then shows.
 */
class PackagedServeIntegrationTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path folder;

	@Test
	void shouldAnswerHealthAndServeThePreferenceCentreOfTheLinksARunSent() throws Exception {
		// given a run of the small campaign whose links point at the server to come
		int port = freePort();
		String base = "http://localhost:" + port;
		Path home = this.folder.resolve("home");
		Map<String, String> environment = Map.of("SERVER_PORT", String.valueOf(port), "TIDINGS_LINKS_BASEURL", base,
				"TIDINGS_SCHEDULER_ENABLED", "false");
		Path job = TestCampaigns.smallCampaign(this.folder.resolve("campaign"));
		assertThat(tidings(home, environment, "run", job.toString(), "--as-of", "2026-09-30")).contains("completed.");
		MimeMessage email = marketingEmailOf(home);
		String customer = customerOf(home, email.getHeader("X-Tidings-Communication-Id", null));
		Matcher preferences = Pattern.compile(Pattern.quote(base) + "/p/[A-Za-z0-9_-]+")
			.matcher(PreferenceCentreFunctionalTests.text(email));
		assertThat(preferences.find()).as("a preference-centre link in the email").isTrue();
		String unsubscribe = email.getHeader("List-Unsubscribe", null).replaceAll("^<|>$", "");
		// when the server runs
		Process serve = start(home, environment, "serve");
		try {
			// then it answers health checks once it is up
			HttpResponse<String> health = awaitHealth(base, serve, home);
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"");
			// and the customer's link opens their preference page
			HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(preferences.group())).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("name=\"email\"", "name=\"sms\"", "name=\"post\"");
			// and their mail client's one-click unsubscribe is taken
			HttpResponse<String> oneClick = http.send(HttpRequest.newBuilder(URI.create(unsubscribe))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(oneClick.statusCode()).isEqualTo(200);
		}
		finally {
			serve.destroy();
			assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
		}
		// then the opt-out is in the customer's history
		assertThat(tidings(home, environment, "history", customer))
			.contains("email consent withdrawn  (preference-centre)");
	}

	private static MimeMessage marketingEmailOf(Path home) throws Exception {
		Path emails = home.resolve("out/quarterly-statements/2026-09-30/email");
		Session session = Session.getInstance(new Properties());
		try (Stream<Path> files = Files.list(emails)) {
			for (Path file : files.sorted().toList()) {
				try (InputStream in = Files.newInputStream(file)) {
					MimeMessage message = new MimeMessage(session, in);
					if (message.getHeader("List-Unsubscribe") != null) {
						return message;
					}
				}
			}
		}
		throw new AssertionError("no marketing email in " + emails);
	}

	private static String customerOf(Path home, String communicationId) throws SQLException {
		try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + home.resolve("db/tidings"), "sa", "");
				PreparedStatement query = db
					.prepareStatement("SELECT customer_id FROM communication WHERE communication_id = ?")) {
			query.setString(1, communicationId);
			try (ResultSet row = query.executeQuery()) {
				assertThat(row.next()).as(communicationId).isTrue();
				return row.getString(1);
			}
		}
	}

	private static HttpResponse<String> awaitHealth(String base, Process serve, Path home) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build();
		while (Instant.now().isBefore(deadline)) {
			if (!serve.isAlive()) {
				throw new AssertionError("serve stopped:\n" + Files.readString(home.resolve("serve.log")));
			}
			try {
				return http.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException notYet) {
				Thread.sleep(250);
			}
		}
		throw new AssertionError("serve did not answer in time:\n" + Files.readString(home.resolve("serve.log")));
	}

	/** Runs a command of the packaged jar to its end and returns what it printed. */
	private static String tidings(Path home, Map<String, String> environment, String... arguments) throws Exception {
		Process process = start(home, environment, arguments);
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError(arguments[0] + " did not end in time");
		}
		String printed = Files.readString(home.resolve(arguments[0] + ".log"));
		assertThat(process.exitValue()).as(printed).isZero();
		return printed;
	}

	private static Process start(Path home, Map<String, String> environment, String... arguments) throws IOException {
		Files.createDirectories(home);
		ProcessBuilder builder = new ProcessBuilder(PackagedTidings.command(home, List.of(), arguments))
			.redirectErrorStream(true)
			.redirectOutput(home.resolve(arguments[0] + ".log").toFile());
		builder.environment().putAll(environment);
		return builder.start();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
