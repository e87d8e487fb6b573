package io.tidings.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.tidings.TestCampaigns;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A browser without JavaScript for console tests over real HTTP: keeps its session
 * cookie, does not follow redirects, and sends the CSRF token of the last page it got
 * with its forms.
 */
final class ConsoleClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String base;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http;

	private String csrf = "";

	/**
	 * The console of a test: its home in the folder, and the small sample campaign as the
	 * one job file it lists.
	 */
	static void serveSmallCampaign(DynamicPropertyRegistry registry, Path folder) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
		registry.add("tidings.console.jobs", () -> {
			TestCampaigns.smallCampaign(folder.resolve("jobs"));
			return folder.resolve("jobs").toString();
		});
	}

	ConsoleClient(int port) {
		this.base = "http://localhost:" + port;
		this.http = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	ConsoleClient login(String user, String password) {
		get("/login");
		HttpResponse<String> response = post("/login", Map.of("username", user, "password", password));
		if (response.statusCode() != 302 || response.headers().firstValue("Location").orElse("").contains("error")) {
			throw new IllegalStateException("login of " + user + " failed: " + response.statusCode() + " "
					+ response.headers().firstValue("Location").orElse(""));
		}
		get("/login");
		return this;
	}

	HttpResponse<String> get(String path) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.base + path)).GET().build());
		Matcher token = CSRF.matcher(response.body());
		if (token.find()) {
			this.csrf = token.group(1);
		}
		return response;
	}

	HttpResponse<String> post(String path, Map<String, String> form) {
		Map<String, String> fields = new LinkedHashMap<>(form);
		fields.putIfAbsent("_csrf", this.csrf);
		return postRaw(path, fields);
	}

	HttpResponse<String> postWithoutCsrf(String path, Map<String, String> form) {
		return postRaw(path, form);
	}

	private HttpResponse<String> postRaw(String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The session id of the session cookie. */
	String sessionId() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("JSESSIONID"))
			.map(java.net.HttpCookie::getValue)
			.findFirst()
			.orElseThrow();
	}

	String base() {
		return this.base;
	}

}
