package io.tidings.console;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.audit.AuditLog;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console as a bank deploys it, over real HTTP: {@code tidings serve} on HTTPS only
 * (a keystore the test makes with keytool), and single sign-on through a real OpenID
 * Connect provider the test starts, whose login form takes a user name and the claims of
 * its ID token. The console's roles come from the groups claim.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "tidings.scheduler.enabled=false",
				"spring.security.oauth2.client.registration.corp.client-id=tidings",
				"spring.security.oauth2.client.registration.corp.client-secret=tidings-secret",
				"spring.security.oauth2.client.registration.corp.client-name=Corp SSO",
				"spring.security.oauth2.client.registration.corp.scope=openid,profile",
				"tidings.console.oidc.roles.OPS=tidings-ops,tidings-admins",
				"tidings.console.oidc.roles.CALL_CENTRE=tidings-agents" })
class SecureConsoleFunctionalTests {

	private static final String PASSWORD = "keystore-secret";

	@TempDir
	static Path folder;

	static final MockOAuth2Server provider = new MockOAuth2Server(new OAuth2Config(true));

	@LocalServerPort
	int port;

	@Autowired
	AuditLog audit;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		ConsoleClient.serveSmallCampaign(registry, folder);
		provider.start();
		registry.add("spring.security.oauth2.client.provider.corp.issuer-uri",
				() -> provider.issuerUrl("corp").toString());
		Path keystore = keystore(folder.resolve("tls.p12"));
		registry.add("server.ssl.key-store", keystore::toString);
		registry.add("server.ssl.key-store-type", () -> "PKCS12");
		registry.add("server.ssl.key-store-password", () -> PASSWORD);
	}

	@AfterAll
	static void stopProvider() {
		provider.shutdown();
	}

	@Test
	void shouldServeTheConsoleOverHttpsOnlyWithStrictTransportSecurity() throws Exception {
		// given a browser that trusts the console's certificate
		HttpClient browser = browser();
		// when it asks for the login page over HTTPS
		HttpResponse<String> page = browser.send(HttpRequest.newBuilder(console("/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		// then it gets it, told to come back over HTTPS only
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Sign in with Corp SSO");
		assertThat(page.headers().firstValue("Strict-Transport-Security"))
			.hasValueSatisfying((hsts) -> assertThat(hsts).contains("max-age=").contains("includeSubDomains"));
		// and the same port refuses plain HTTP
		HttpResponse<String> plain = browser.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(plain.statusCode()).isEqualTo(400);
		assertThat(plain.body()).contains("TLS").doesNotContain("Log in");
	}

	@Test
	void shouldSignOnThroughTheProviderWithTheRoleOfTheGroupsClaim() throws Exception {
		// given a user of the provider in the operations group
		HttpClient browser = browser();
		// when she signs on through the provider
		HttpResponse<String> signedOn = signOn(browser, "ana.ops", "[\"staff\", \"tidings-ops\"]");
		assertThat(signedOn.uri().getPath()).isEqualTo("/login/oauth2/code/corp");
		assertThat(signedOn.body()).contains("http-equiv=\"refresh\"");
		// then the console opens with the operations pages
		HttpResponse<String> home = browser.send(HttpRequest.newBuilder(console("/")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.uri().getPath()).isEqualTo("/jobs");
		assertThat(this.audit.latest(100))
			.anyMatch((entry) -> entry.user().equals("ana.ops") && entry.action().equals("LOGIN"));
	}

	@Test
	void shouldRefuseAUserOfTheProviderWithoutAMappedGroup() throws Exception {
		// given a user of the provider in no group the console knows
		HttpClient browser = browser();
		// when he signs on through the provider
		HttpResponse<String> refused = signOn(browser, "bo.marketing", "[\"marketing\"]");
		// then he is back on the login page, told why, and the console stays closed
		assertThat(refused.uri().getPath()).isEqualTo("/login");
		assertThat(refused.uri().getQuery()).isEqualTo("refused");
		assertThat(refused.body()).contains("no role in the console");
		HttpResponse<String> jobs = browser.send(HttpRequest.newBuilder(console("/jobs")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(jobs.uri().getPath()).isEqualTo("/login");
		assertThat(this.audit.latest(100)).anyMatch((entry) -> entry.user().equals("bo.marketing")
				&& entry.action().equals("LOGIN_FAILED") && OidcConsoleRoles.NO_ROLE.equals(entry.detail()));
	}

	/**
	 * Follows the console's link to the provider, and fills in the provider's login form:
	 * the answer is where the redirects back to the console end.
	 */
	private HttpResponse<String> signOn(HttpClient browser, String user, String groups) throws Exception {
		HttpResponse<String> form = browser.send(HttpRequest.newBuilder(console("/oauth2/authorization/corp")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(form.uri().toString()).startsWith(provider.authorizationEndpointUrl("corp").toString());
		assertThat(form.body()).contains("name=\"username\"").contains("name=\"claims\"");
		String fields = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&claims="
				+ URLEncoder.encode("{\"groups\": " + groups + "}", StandardCharsets.UTF_8);
		return browser.send(HttpRequest.newBuilder(form.uri())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(fields))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI console(String path) {
		return URI.create("https://localhost:" + this.port + path);
	}

	/** Keeps cookies, follows redirects (to the provider too), trusts the console. */
	private static HttpClient browser() throws Exception {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		try (InputStream in = new FileInputStream(folder.resolve("tls.p12").toFile())) {
			trusted.load(in, PASSWORD.toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(null, trust.getTrustManagers(), null);
		return HttpClient.newBuilder()
			.sslContext(tls)
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.ALWAYS)
			.build();
	}

	/**
	 * A self-signed certificate for localhost, made as an operator would, with keytool.
	 */
	private static Path keystore(Path keystore) throws IOException, InterruptedException {
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "tidings", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
				"-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore",
				keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
			.redirectErrorStream(true)
			.start();
		String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!keytool.waitFor(30, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
			throw new IllegalStateException("keytool failed: " + output);
		}
		return keystore;
	}

}
