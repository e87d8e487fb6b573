package io.tidings.console;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.audit.AuditLog;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login throttling over real HTTP, for the login form and HTTP basic: too many wrong
 * passwords lock the account, then the client, out, right password or not, whatever
 * {@code X-Forwarded-For} a client that is no trusted proxy sends; the audit log says so.
 * The tests run in order: the client's failures add up from one to the next.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "tidings.scheduler.enabled=false",
				"tidings.console.login.account-attempts=3", "tidings.console.login.client-attempts=8",
				"tidings.console.login.lockout=1h", "server.forward-headers-strategy=native" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleLoginFunctionalTests {

	@TempDir
	static Path folder;

	@LocalServerPort
	int port;

	@Autowired
	AuditLog audit;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ConsoleClient.serveSmallCampaign(registry, folder);
		BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
		for (String user : new String[] { "maria", "joao", "root" }) {
			registry.add("tidings.console.users." + user + ".password",
					() -> "{bcrypt}" + bcrypt.encode(user + "-password"));
			registry.add("tidings.console.users." + user + ".roles", () -> user.equals("root") ? "ADMIN" : "OPS");
		}
	}

	@Test
	@Order(1)
	void shouldLockAnAccountOutOfTheLoginFormAfterTooManyWrongPasswords() {
		// given maria can log in
		new ConsoleClient(this.port).login("maria", "maria-password");
		// when her password is guessed wrong three times
		for (int attempt = 0; attempt < 3; attempt++) {
			assertThat(formLogin("maria", "guess-" + attempt)).endsWith("/login?error");
		}
		// then the right password is refused too, and the audit log says why
		assertThat(formLogin("maria", "maria-password")).endsWith("/login?error");
		assertThat(this.audit.latest(500))
			.anyMatch((entry) -> entry.user().equals("maria") && entry.action().equals(ThrottledLogins.LOCKOUT)
					&& String.valueOf(entry.detail()).startsWith("account"));
	}

	@Test
	@Order(2)
	void shouldLockAnAccountOutOfBasicAuthOnTheMetricsAfterTooManyWrongPasswords() {
		// given root can read the metrics
		assertThat(metrics("root:root-password").statusCode()).isEqualTo(200);
		// when its password is guessed wrong three times
		for (int attempt = 0; attempt < 3; attempt++) {
			assertThat(metrics("root:guess-" + attempt).statusCode()).isEqualTo(401);
		}
		// then the right password is refused too
		assertThat(metrics("root:root-password").statusCode()).isEqualTo(401);
		assertThat(this.audit.latest(500))
			.anyMatch((entry) -> entry.user().equals("root") && entry.action().equals(ThrottledLogins.LOCKOUT)
					&& String.valueOf(entry.detail()).startsWith("account"));
	}

	@Test
	@Order(3)
	void shouldLockAClientOutWhateverAccountsAndForwardedAddressesItTries() {
		// given joao can log in
		new ConsoleClient(this.port).login("joao", "joao-password");
		// when a client tries other accounts, each time claiming another address
		for (int attempt = 0; attempt < 8; attempt++) {
			HttpResponse<String> response = formLogin("user" + attempt, "guess",
					Map.of("X-Forwarded-For", "203.0.113." + attempt));
			assertThat(response.headers().firstValue("Location"))
				.hasValueSatisfying((to) -> assertThat(to).endsWith("/login?error"));
		}
		// then that client is locked out, even for joao's right password
		assertThat(formLogin("joao", "joao-password")).endsWith("/login?error");
		assertThat(this.audit.latest(500)).anyMatch((entry) -> entry.action().equals(ThrottledLogins.LOCKOUT)
				&& String.valueOf(entry.detail()).startsWith("client address ")
				&& !String.valueOf(entry.detail()).contains("203.0.113."));
	}

	private String formLogin(String user, String password) {
		HttpResponse<String> response = formLogin(user, password, Map.of());
		return response.headers().firstValue("Location").orElse("status " + response.statusCode());
	}

	/** Posts the login form with the CSRF token of a fresh login page. */
	private HttpResponse<String> formLogin(String user, String password, Map<String, String> headers) {
		ConsoleClient client = new ConsoleClient(this.port);
		String page = client.get("/login").body();
		String csrf = page.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
		String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf, StandardCharsets.UTF_8);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.base() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		headers.forEach(request::header);
		return client.send(request.build());
	}

	private HttpResponse<String> metrics(String credentials) {
		ConsoleClient client = new ConsoleClient(this.port);
		return client.send(HttpRequest.newBuilder(URI.create(client.base() + "/actuator/prometheus"))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.GET()
			.build());
	}

}
