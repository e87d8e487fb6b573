package io.tidings.preference;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.tidings.HeadlessChromium;
import io.tidings.TestCampaigns;
import io.tidings.archive.DocumentArchive;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.RunRef;
import io.tidings.policy.ConsentEvent;
import io.tidings.policy.ConsentRegistry;
import io.tidings.policy.StatementPreference;
import io.tidings.response.ContactResponse;
import io.tidings.response.ContactResponseRepository;
import io.tidings.response.ResponseOutcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preference centre over real HTTP against the running application, with links taken
 * from the emails real campaign runs produced, and the preference page in a real headless
 * Chromium. The tests share one database and run in order; the rate limits are tried
 * last, since they use up the local address's allowance.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet",
				"tidings.links.base-url=" + PreferenceCentreFunctionalTests.PUBLIC,
				"tidings.links.secret=" + PreferenceCentreFunctionalTests.KEY,
				"tidings.links.previous-secrets=" + PreferenceCentreFunctionalTests.PREVIOUS_KEY,
				"tidings.links.requests-per-minute=100", "server.forward-headers-strategy=native",
				"logging.level.org.openqa.selenium=ERROR" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PreferenceCentreFunctionalTests {

	static final String PUBLIC = "https://prefs.bank.example";

	static final String KEY = "2026-key-0123456789abcdef0123456789";

	static final String PREVIOUS_KEY = "2025-key-fedcba9876543210fedcba9876";

	private static final Pattern PREFERENCES_LINK = Pattern.compile(Pattern.quote(PUBLIC) + "/p/[A-Za-z0-9_-]{46}");

	private static final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	static Path folder;

	@LocalServerPort
	int port;

	@Autowired
	CampaignRunner runner;

	@Autowired
	Communications communications;

	@Autowired
	DocumentArchive archive;

	@Autowired
	ConsentRegistry consents;

	@Autowired
	ContactResponseRepository responses;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@Test
	@Order(0)
	void shouldKeepTheConsoleOffWithoutUsersWhileThePublicEndpointsServe() throws Exception {
		// given no console user is configured, nor the demo users asked for
		// when
		HttpResponse<String> login = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> demoLogin = http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=ops&password=ops"))
				.build(), HttpResponse.BodyHandlers.ofString());
		// then the console says why it is off, and lets nobody in
		assertThat(login.statusCode()).isEqualTo(503);
		assertThat(login.body()).contains("The console is off: no user is configured")
			.contains("tidings.console.users");
		assertThat(demoLogin.statusCode()).isEqualTo(503);
		// while one-click unsubscribe serves
		assertThat(oneClick("http://localhost:" + this.port + "/unsubscribe/" + "x".repeat(46)).statusCode())
			.isEqualTo(200);
	}

	@Test
	@Order(1)
	void shouldUnsubscribeInOneClickAsAMailClientDoesAndNotEmailMarketingAgain() throws Exception {
		// given the marketing email Zoë got
		RunRef run = run(TestCampaigns.smallCampaign(folder.resolve("january")), LocalDate.of(2026, 1, 31));
		MimeMessage email = email(communication(run, "T001", Channel.EMAIL, DocumentKind.CROSS_SELL));
		String header = email.getHeader("List-Unsubscribe", null);
		assertThat(header).matches("<" + Pattern.quote(PUBLIC) + "/unsubscribe/[A-Za-z0-9_-]{46}>")
			.doesNotContain("T001")
			.doesNotContain(communication(run, "T001", Channel.EMAIL, DocumentKind.CROSS_SELL).id().value());
		assertThat(email.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		String unsubscribe = header.substring(1, header.length() - 1);
		// when her mail client posts to it (RFC 8058)
		HttpResponse<String> response = oneClick(unsubscribe);
		// then she is opted out of marketing email at once
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEmpty();
		List<ConsentEvent> history = this.consents.consentHistory("T001");
		assertThat(history).last().satisfies(event -> {
			assertThat(event.granted()).isFalse();
			assertThat(event.channel()).isEqualTo(Channel.EMAIL);
			assertThat(event.source()).isEqualTo(PreferenceCentre.SOURCE);
		});
		// when the post is replayed
		assertThat(oneClick(unsubscribe).statusCode()).isEqualTo(200);
		// then nothing more is recorded
		assertThat(this.consents.consentHistory("T001")).hasSameSizeAs(history);
		// when the next run comes
		RunRef next = run(TestCampaigns.smallCampaign(folder.resolve("february")), LocalDate.of(2026, 2, 28));
		// then she gets no marketing email
		assertThat(this.communications.findByCustomer("T001")).filteredOn(c -> c.run().equals(next))
			.noneMatch(c -> c.channel() == Channel.EMAIL && c.kind() == DocumentKind.CROSS_SELL)
			.isNotEmpty();
	}

	@Test
	@Order(2)
	void shouldAnswerExpiredTamperedForeignAndUnknownLinksLikeAnyOtherBadLink() throws Exception {
		// given valid links of Ann's (signed with the key and the previous one), and bad
		// ones
		Communication ann = latest("T006", DocumentKind.CROSS_SELL);
		LinkTokens tokens = new LinkTokens(List.of(KEY), Duration.ofDays(60), Clock.systemUTC());
		String valid = tokens.issue(ann.id());
		String beforeRotation = new LinkTokens(List.of(PREVIOUS_KEY), Duration.ofDays(60), Clock.systemUTC())
			.issue(ann.id());
		String expired = new LinkTokens(List.of(KEY), Duration.ofDays(60),
				Clock.fixed(Instant.now().minus(Duration.ofDays(61)), ZoneOffset.UTC))
			.issue(ann.id());
		String tampered = valid.substring(0, 30) + ((valid.charAt(30) == 'x') ? 'y' : 'x') + valid.substring(31);
		String foreign = new LinkTokens(List.of("someone-else-s-key-0123456789abcdefgh"), Duration.ofDays(60),
				Clock.systemUTC())
			.issue(ann.id());
		String unknown = tokens.issue(new CommunicationId(UUID.randomUUID().toString()));
		int consentEvents = this.consents.consentHistory("T006").size();
		// when
		HttpResponse<String> good = get("/p/" + valid);
		HttpResponse<String> garbage = get("/p/not-a-link");
		// then
		assertThat(good.statusCode()).isEqualTo(200);
		assertThat(get("/p/" + beforeRotation).statusCode()).isEqualTo(200);
		assertThat(garbage.statusCode()).isEqualTo(404);
		for (String bad : List.of(expired, tampered, foreign, unknown)) {
			HttpResponse<String> page = get("/p/" + bad);
			assertThat(page.statusCode()).as(bad).isEqualTo(404);
			assertThat(page.body()).as(bad).isEqualTo(garbage.body()).doesNotContain("Ann");
			assertThat(get("/p/" + bad + "/interest").body()).isEqualTo(garbage.body());
			HttpResponse<String> oneClick = oneClick(PUBLIC + "/unsubscribe/" + bad);
			assertThat(oneClick.statusCode()).isEqualTo(200);
			assertThat(oneClick.body()).isEmpty();
		}
		assertThat(this.consents.consentHistory("T006")).hasSize(consentEvents);
	}

	@Test
	@Order(3)
	void shouldSaveChoicesOnlyWithTheCsrfTokenOfThePreferencePage() throws Exception {
		// given Xiaoming's link (he gets marketing email; no phone; his page is in
		// Chinese)
		String link = "/p/" + preferencesLink(latest("T004", DocumentKind.CROSS_SELL)).substring(PUBLIC.length() + 3);
		int consentEvents = this.consents.consentHistory("T004").size();
		// when a form is posted without the page's CSRF token (from another site)
		HttpResponse<String> forged = post(link, "email=true", null);
		// then
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(this.consents.consentHistory("T004")).hasSize(consentEvents);
		// when the page is loaded and its form posted: email on, post off
		HttpResponse<String> page = get(link);
		assertThat(page.body()).contains("<html lang=\"zh\">", "保存我的选择");
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValue(PublicEndpointsSecurityConfiguration.CONTENT_SECURITY_POLICY);
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(page.headers().allValues("Set-Cookie"))
			.anySatisfy(cookie -> assertThat(cookie).startsWith("XSRF-TOKEN=").contains("SameSite=Lax"));
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
		assertThat(csrf.find()).as(page.body()).isTrue();
		String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
		HttpResponse<String> saved = post(link, "_csrf=" + csrf.group(1) + "&email=true&statements=paper", cookie);
		// then
		assertThat(saved.statusCode()).isEqualTo(303);
		assertThat(saved.headers().firstValue("Location")).hasValue(link + "?saved");
		assertThat(this.consents.consentHistory("T004")).last().satisfies(event -> {
			assertThat(event.granted()).isFalse();
			assertThat(event.channel()).isEqualTo(Channel.PRINT);
			assertThat(event.source()).isEqualTo(PreferenceCentre.SOURCE);
		});
		assertThat(get(link + "?saved").body()).contains("id=\"saved\"")
			.containsPattern("name=\"email\" value=\"true\" checked")
			.containsPattern("name=\"post\" value=\"true\">");
	}

	@Test
	@Order(4)
	@ExtendWith(HeadlessChromium.class)
	void shouldSwitchToPaperlessAndRegisterInterestInABrowserAndTheNextRunEmailsTheStatement() throws Exception {
		// given Ann's marketing email, from a campaign that can send statements by email
		Path job = statementsByEmail(TestCampaigns.smallCampaign(folder.resolve("may")));
		RunRef may = run(job, LocalDate.of(2026, 5, 31));
		assertThat(communication(may, "T006", Channel.PRINT, DocumentKind.STATEMENT)).isNotNull();
		Communication offer = communication(may, "T006", Channel.EMAIL, DocumentKind.CROSS_SELL);
		String preferences = preferencesLink(offer).replace(PUBLIC, "http://localhost:" + this.port);
		WebDriver browser = HeadlessChromium.start();
		try {
			// when she opens the link, chooses paperless statements and saves
			browser.get(preferences);
			assertThat(browser.findElement(By.cssSelector("input[name=statements][value=paper]")).isSelected())
				.isTrue();
			browser.findElement(By.cssSelector("input[name=statements][value=paperless]")).click();
			browser.findElement(By.id("save")).click();
			new WebDriverWait(browser, Duration.ofSeconds(20))
				.until(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
			// then the page shows her new choice
			assertThat(browser.findElement(By.cssSelector("input[name=statements][value=paperless]")).isSelected())
				.isTrue();
			// when she says she is interested in the offer and asks for a call
			browser.get(preferences + "/interest");
			browser.findElement(By.name("callBack")).click();
			browser.findElement(By.id("interested")).click();
			new WebDriverWait(browser, Duration.ofSeconds(20))
				.until(ExpectedConditions.presenceOfElementLocated(By.id("thanks")));
		}
		finally {
			browser.quit();
		}
		// then the interest page says so from now on, without the form
		String interestPage = "/p/" + preferences.substring(preferences.lastIndexOf('/') + 1) + "/interest";
		assertThat(get(interestPage).body()).contains("id=\"thanks\"").doesNotContain("id=\"interested\"");
		// and both are in her history, from the preference centre
		assertThat(this.consents.statementPreferences("T006")).last().satisfies(choice -> {
			assertThat(choice.paperless()).isTrue();
			assertThat(choice.source()).isEqualTo(PreferenceCentre.SOURCE);
		});
		assertThat(this.responses.findByCustomer("T006")).filteredOn(r -> r.outcome() == ResponseOutcome.INTERESTED)
			.singleElement()
			.satisfies(interest -> {
				assertThat(interest.communicationId()).isEqualTo(offer.id().value());
				assertThat(interest.product()).isEqualTo(offer.offerCode());
				assertThat(interest.sourceFile()).isEqualTo(PreferenceCentre.SOURCE + ":call-back");
			});
		// when the next run comes
		RunRef june = run(statementsByEmail(TestCampaigns.smallCampaign(folder.resolve("june"))),
				LocalDate.of(2026, 6, 30));
		// then her statement goes by email, the PDF attached
		MimeMessage statement = email(communication(june, "T006", Channel.EMAIL, DocumentKind.STATEMENT));
		assertThat(attachmentTypes(statement)).containsExactly("application/pdf");
		assertThat(this.consents.statementPreferences("T006")).extracting(StatementPreference::source)
			.containsExactly("customer-file", PreferenceCentre.SOURCE);
	}

	@Test
	@Order(5)
	void shouldAnswer429BeyondTheRateLimitsOfALinkAndOfAnAddress() throws Exception {
		// given a link of Zoë's statement nobody has used yet (a fifth of 100 requests a
		// minute
		// each)
		String link = "/p/" + new LinkTokens(List.of(KEY), Duration.ofDays(30), Clock.systemUTC())
			.issue(latest("T001", DocumentKind.STATEMENT).id());
		// when it is requested 21 times at once, spelt one way or another (a character
		// percent-encoded), each time claiming another client address (from a peer that
		// is
		// no listed proxy)
		String respelt = "/p/%" + Integer.toHexString(link.charAt(3)).toUpperCase(Locale.ROOT) + link.substring(4);
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 21; i++) {
			statuses.add(get((i % 2 == 0) ? link : respelt, Map.of("X-Forwarded-For", "198.51.100." + i)).statusCode());
		}
		// then they all count against one link and one address
		assertThat(statuses.subList(0, 20)).containsOnly(200);
		assertThat(statuses.get(20)).isEqualTo(429);
		// when someone tries link after link
		int tried = 0;
		int status = 404;
		while (status != 429 && tried < 150) {
			status = get("/p/guess-" + tried++).statusCode();
		}
		// then the address is stopped within its 100 requests a minute, one-click
		// included
		assertThat(status).isEqualTo(429);
		assertThat(tried).isLessThanOrEqualTo(100);
		assertThat(oneClick(PUBLIC + "/unsubscribe/" + link.substring(3)).statusCode()).isEqualTo(429);
	}

	private RunRef run(Path job, LocalDate asOf) {
		RunReport report = this.runner.run(job, asOf, false);
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		return report.run();
	}

	private static Path statementsByEmail(Path job) throws IOException {
		Files.writeString(job,
				Files.readString(job)
					.replace("  sms: sms/cross-sell.ftl\n",
							"  sms: sms/cross-sell.ftl\n  email-statement: email/statement.html.ftlh\n"));
		return job;
	}

	private Communication communication(RunRef run, String customerId, Channel channel, DocumentKind kind) {
		return this.communications.findByCustomer(customerId)
			.stream()
			.filter(c -> c.run().equals(run) && c.channel() == channel && c.kind() == kind)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + channel + " " + kind + " for " + customerId + " in "
					+ this.communications.findByCustomer(customerId)));
	}

	private Communication latest(String customerId, DocumentKind kind) {
		return this.communications.findByCustomer(customerId)
			.stream()
			.filter(c -> c.kind() == kind && c.archivePath() != null)
			.reduce((first, second) -> second)
			.orElseThrow();
	}

	private MimeMessage email(Communication communication) throws IOException, MessagingException {
		try (InputStream in = Files.newInputStream(this.archive.resolve(communication.archivePath()))) {
			return new MimeMessage(Session.getInstance(new Properties()), in);
		}
	}

	/** The preference link in the text part of a communication's email. */
	private String preferencesLink(Communication communication) throws IOException, MessagingException {
		Matcher link = PREFERENCES_LINK.matcher(text(email(communication)));
		assertThat(link.find()).isTrue();
		return link.group();
	}

	static String text(Part part) throws IOException, MessagingException {
		if (part.isMimeType("text/plain")) {
			return (String) part.getContent();
		}
		StringBuilder text = new StringBuilder();
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				text.append(text(multipart.getBodyPart(i)));
			}
		}
		return text.toString();
	}

	private static List<String> attachmentTypes(MimeMessage message) throws IOException, MessagingException {
		List<String> types = new ArrayList<>();
		Multipart mixed = (Multipart) message.getContent();
		for (int i = 0; i < mixed.getCount(); i++) {
			BodyPart part = mixed.getBodyPart(i);
			if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
				types.add(part.getContentType().split(";")[0].strip());
			}
		}
		return types;
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return get(path, Map.of());
	}

	private HttpResponse<String> get(String path, Map<String, String> headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		headers.forEach(request::header);
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String form, String cookie)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Posts as a mail client does for {@code List-Unsubscribe-Post} (RFC 8058). */
	private HttpResponse<String> oneClick(String publicUrl) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(publicUrl.replace(PUBLIC, "http://localhost:" + this.port)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
