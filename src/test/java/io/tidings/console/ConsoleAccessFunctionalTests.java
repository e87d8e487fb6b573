package io.tidings.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.audit.AuditLog;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunParameters;
import io.tidings.campaign.RunProgress;
import io.tidings.schedule.CampaignLauncher;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access control of the console over real HTTP: login, roles, CSRF, expired sessions, the
 * public endpoints, actuator, the audit log, unknown customers, HTML escaping and a
 * double-clicked "run now".
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "tidings.scheduler.enabled=false",
				"tidings.console.demo-users=true", "server.forward-headers-strategy=native",
				// properties syntax: a backslash is written twice
				"server.tomcat.remoteip.internal-proxies=127\\\\.0\\\\.0\\\\.1|0:0:0:0:0:0:0:1" })
class ConsoleAccessFunctionalTests {

	@TempDir
	static Path folder;

	@LocalServerPort
	int port;

	@Autowired
	AuditLog audit;

	@Autowired
	CampaignLauncher launcher;

	@Autowired
	CampaignRunner runner;

	@Autowired
	JobRepository jobs;

	@Autowired
	RunProgress progress;

	@Autowired
	DataSource dataSource;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ConsoleClient.serveSmallCampaign(registry, folder);
	}

	@Test
	void shouldSendAnonymousVisitorsToTheLoginPage() {
		// when
		HttpResponse<String> response = new ConsoleClient(this.port).get("/jobs");
		// then
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
	}

	@Test
	void shouldLetTheCallCentreReadCustomersButNotRunJobs() {
		// given
		ConsoleClient agent = new ConsoleClient(this.port).login("agent", "agent");
		// when
		HttpResponse<String> customers = agent.get("/customers");
		HttpResponse<String> jobsPage = agent.get("/jobs");
		HttpResponse<String> run = agent.post("/jobs/campaign.yml/run", Map.of());
		// then
		assertThat(customers.statusCode()).isEqualTo(200);
		assertThat(jobsPage.statusCode()).isEqualTo(403);
		assertThat(run.statusCode()).isEqualTo(403);
		assertThat(this.audit.latest(500)).noneMatch((entry) -> entry.user().equals("agent")
				&& (entry.action().equals("RUN") || entry.action().equals("DRY_RUN")));
	}

	@Test
	void shouldRefuseAFormWithoutItsCsrfToken() {
		// given
		ConsoleClient ops = new ConsoleClient(this.port).login("ops", "ops");
		ops.get("/jobs");
		// when
		HttpResponse<String> withoutToken = ops.postWithoutCsrf("/jobs/campaign.yml/enabled",
				Map.of("enabled", "false"));
		HttpResponse<String> wrongToken = ops.postWithoutCsrf("/jobs/campaign.yml/enabled",
				Map.of("enabled", "false", "_csrf", "forged"));
		// then
		assertThat(withoutToken.statusCode()).isEqualTo(403);
		assertThat(wrongToken.statusCode()).isEqualTo(403);
		assertThat(this.audit.latest(500)).noneMatch((entry) -> entry.action().equals("DISABLE"));
	}

	@Test
	void shouldSendAnExpiredSessionToTheLoginPage() {
		// given a session id the server no longer knows
		ConsoleClient client = new ConsoleClient(this.port);
		HttpRequest request = HttpRequest.newBuilder(URI.create(client.base() + "/jobs"))
			.header("Cookie", "JSESSIONID=" + UUID.randomUUID().toString().replace("-", "").toUpperCase())
			.GET()
			.build();
		// when
		HttpResponse<String> response = client.send(request);
		// then
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login?expired"));
		assertThat(client.get("/login?expired").body()).contains("Your session expired");
	}

	@Test
	void shouldRefuseAWrongPassword() {
		// given
		ConsoleClient client = new ConsoleClient(this.port);
		client.get("/login");
		// when
		HttpResponse<String> response = client.post("/login", Map.of("username", "ops", "password", "wrong"));
		// then
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login?error"));
		assertThat(this.audit.latest(500))
			.anyMatch((entry) -> entry.user().equals("ops") && entry.action().equals("LOGIN_FAILED"));
	}

	@Test
	void shouldKeepUnsubscribePublicAndWithoutCsrf() {
		// when a mail client posts one-click unsubscribe, without session or token
		HttpResponse<String> response = new ConsoleClient(this.port)
			.postWithoutCsrf("/unsubscribe/" + UUID.randomUUID(), Map.of("List-Unsubscribe", "One-Click"));
		// then
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void shouldShowHealthToAnyoneAndMetricsToAdminsOnly() {
		// given
		ConsoleClient client = new ConsoleClient(this.port);
		// when
		HttpResponse<String> health = client.get("/actuator/health");
		HttpResponse<String> anonymous = client.get("/actuator/prometheus");
		HttpResponse<String> ops = client.send(basic("/actuator/prometheus", "ops:ops", client));
		HttpResponse<String> admin = client.send(basic("/actuator/prometheus", "admin:admin", client));
		// then
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"UP\"");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(ops.statusCode()).isEqualTo(403);
		assertThat(admin.statusCode()).isEqualTo(200);
		assertThat(admin.body()).contains("tidings_documents{channel=\"email\",state=\"sent\"}");
	}

	private static HttpRequest basic(String path, String credentials, ConsoleClient client) {
		return HttpRequest.newBuilder(URI.create(client.base() + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.GET()
			.build();
	}

	@Test
	void shouldShowAnUnknownCustomerAsAPageAndAuditTheViews() {
		// given
		insertCustomer("X191", "<script>alert('x')</script>", "<img src=x onerror=alert(1)>");
		ConsoleClient agent = new ConsoleClient(this.port).login("agent", "agent");
		// when
		HttpResponse<String> unknown = agent.get("/customers/NOPE-42");
		HttpResponse<String> known = agent.get("/customers/X191");
		HttpResponse<String> search = agent.get("/customers?q=script");
		// then
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("No customer with id NOPE-42").doesNotContain("Exception", "at io.tidings");
		assertThat(known.statusCode()).isEqualTo(200);
		assertThat(known.body()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
			.doesNotContain("<script>alert", "<img src=x");
		assertThat(search.body()).contains("/customers/X191").doesNotContain("<script>alert");
		assertThat(this.audit.latest(500)).anyMatch((entry) -> entry.user().equals("agent")
				&& entry.action().equals("VIEW_CUSTOMER") && "X191".equals(entry.target()));
		assertThat(this.audit.latest(500))
			.anyMatch((entry) -> entry.user().equals("agent") && entry.action().equals("LOGIN"));
	}

	@Test
	void shouldAuditEverySearchWithItsTermsAndEveryViewOfADocumentInAnIntactChain() throws IOException {
		// given a run whose documents are archived
		assertThat(this.runner.run(folder.resolve("jobs/campaign.yml"), LocalDate.of(2026, 9, 30), false).completed())
			.isTrue();
		String[] pdf = archived(".pdf");
		String[] email = archived(".eml");
		ConsoleClient agent = new ConsoleClient(this.port).login("agent", "agent");
		ConsoleClient ops = new ConsoleClient(this.port).login("ops", "ops");
		// when the call centre searches and views documents, and ops takes a proof
		HttpResponse<String> search = agent.get("/customers?q=zq-term-4471");
		HttpResponse<String> page = agent.get("/communications/" + pdf[0] + "/page.png");
		HttpResponse<String> html = agent.get("/communications/" + email[0] + "/email.html");
		HttpResponse<String> proof = ops
			.get("/preview/proof.pdf?job=campaign.yml&template=statement/statement.ftlh&customer=" + pdf[1]);
		// then each is in the audit log, with who, what and on whom; the terms in the
		// table only
		assertThat(List.of(search, page, html, proof))
			.allSatisfy((response) -> assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200));
		List<AuditLog.Entry> entries = this.audit.latest(500);
		assertThat(entries).anySatisfy((entry) -> assertThat(entry).extracting("user", "action", "terms")
			.containsExactly("agent", "SEARCH_CUSTOMERS", "zq-term-4471"));
		assertThat(entries).anySatisfy((entry) -> assertThat(entry).extracting("user", "action", "target", "detail")
			.containsExactly("agent", "VIEW_PAGE_IMAGE", pdf[1], pdf[0]));
		assertThat(entries).anySatisfy((entry) -> assertThat(entry).extracting("user", "action", "target", "detail")
			.containsExactly("agent", "VIEW_EMAIL_HTML", email[1], email[0]));
		assertThat(entries).anySatisfy((entry) -> assertThat(entry).extracting("user", "action", "target")
			.containsExactly("ops", "VIEW_PROOF", pdf[1]));
		Path log = folder.resolve("home/logs/tidings.log");
		if (Files.exists(log)) {
			assertThat(Files.readString(log)).doesNotContain("zq-term-4471");
		}
		AuditLog.Verification chain = this.audit.verify();
		assertThat(chain.intact()).as(String.valueOf(chain.broken())).isTrue();
		assertThat(chain.checked()).isGreaterThanOrEqualTo(entries.size());
	}

	/**
	 * A communication whose archived document has that extension (a file of its own, or
	 * pages of a batch's file): its id and customer.
	 */
	private String[] archived(String extension) {
		return JdbcClient.create(this.dataSource)
			.sql("SELECT communication_id, customer_id FROM communication WHERE archive_path LIKE ? "
					+ "ORDER BY communication_id FETCH FIRST 1 ROWS ONLY")
			.params("%" + extension + "%")
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.single();
	}

	@Test
	void shouldStartOneRunWhenRunNowIsDoubleClicked() throws Exception {
		// given
		ConsoleClient ops = new ConsoleClient(this.port).login("ops", "ops");
		ops.get("/jobs");
		CountDownLatch together = new CountDownLatch(1);
		List<CompletableFuture<HttpResponse<String>>> clicks = new ArrayList<>();
		// when
		for (int click = 0; click < 2; click++) {
			clicks.add(CompletableFuture.supplyAsync(() -> {
				try {
					together.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return ops.post("/jobs/campaign.yml/run", Map.of("dryRun", "true"));
			}));
		}
		together.countDown();
		for (CompletableFuture<HttpResponse<String>> click : clicks) {
			assertThat(click.get().statusCode()).isEqualTo(302);
		}
		waitForLaunches();
		// then
		long dryRuns = this.jobs.getJobInstances(RunParameters.RUN_JOB, 0, 100)
			.stream()
			.filter((instance) -> this.jobs.getJobExecutions(instance)
				.stream()
				.anyMatch((execution) -> RunParameters.of(execution.getJobParameters())
					.map((parameters) -> parameters.dryRun()
							&& parameters.run().campaign().equals("quarterly-statements"))
					.orElse(false)))
			.count();
		assertThat(dryRuns).isEqualTo(1);
		assertThat(this.audit.latest(500))
			.filteredOn((entry) -> entry.action().equals("DRY_RUN") && "quarterly-statements".equals(entry.target()))
			.hasSize(1);
		assertThat(ops.get("/runs").body()).contains("quarterly-statements", "dry run");
		// and the metrics count its stages and documents
		String metrics = ops.send(basic("/actuator/prometheus", "admin:admin", ops)).body();
		for (int scrape = 0; scrape < 20 && !metrics.matches("(?s).*state=\"planned\"} [1-9].*"); scrape++) {
			// the ledger's counts are read again at most every two seconds
			Thread.sleep(250);
			metrics = ops.send(basic("/actuator/prometheus", "admin:admin", ops)).body();
		}
		assertThat(metrics).contains("spring_batch_step_seconds_count{",
				"spring_batch_step_name=\"planCommunicationsStep\"");
		assertThat(metrics).containsPattern("tidings_documents\\{channel=\"print\",state=\"planned\"\\} [1-9]");
	}

	@Test
	void shouldStartARunThatNeedsApprovalOnlyOnADryRunApprovedByAnotherUser() throws Exception {
		// given a job whose real runs need an approved dry run
		Path jobs = folder.resolve("jobs");
		Files.writeString(jobs.resolve("approval.yml"),
				Files.readString(jobs.resolve("campaign.yml"))
					.replace("campaign: quarterly-statements", "campaign: approved-campaign")
						+ "policy:\n  require-approval: true\n");
		ConsoleClient ops = new ConsoleClient(this.port).login("ops", "ops");
		ops.get("/jobs");
		// when it is run without approval
		ops.post("/jobs/approval.yml/run", Map.of());
		waitForLaunches();
		// then it does not start, and the runs page says why
		assertThat(this.launcher.latest().get(0).error()).contains("policy.require-approval");
		assertThat(ops.get("/runs").body()).contains("policy.require-approval");
		// when a dry run is made and approved
		ops.post("/jobs/approval.yml/run", Map.of("dryRun", "true"));
		waitForLaunches();
		long dryRun = this.progress.latest(30)
			.stream()
			.filter((run) -> run.parameters() != null && run.parameters().run().campaign().equals("approved-campaign"))
			.findFirst()
			.orElseThrow()
			.id();
		ops.get("/runs/" + dryRun);
		int launches = this.launcher.latest().size();
		HttpResponse<String> ownApproval = ops.post("/runs/" + dryRun + "/approve", Map.of());
		// then who made it cannot approve it
		assertThat(ownApproval.statusCode()).isEqualTo(302);
		assertThat(ops.get("/runs/" + dryRun).body()).contains("Started by ops.", "Four eyes: you made dry run",
				"another user must approve it");
		assertThat(this.launcher.latest()).hasSize(launches);
		assertThat(this.audit.latest(500)).anyMatch((entry) -> entry.user().equals("ops")
				&& entry.action().equals("APPROVE_REFUSED") && "approved-campaign".equals(entry.target()));
		// when another user approves it
		ConsoleClient admin = new ConsoleClient(this.port).login("admin", "admin");
		admin.get("/runs/" + dryRun);
		HttpResponse<String> approval = admin.post("/runs/" + dryRun + "/approve", Map.of());
		waitForLaunches();
		// then the real run completes
		assertThat(approval.statusCode()).isEqualTo(302);
		CampaignLauncher.Launch approved = this.launcher.latest().get(0);
		assertThat(approved.request().action()).isEqualTo("APPROVE");
		assertThat(approved.error()).isNull();
		assertThat(approved.report()).isNotNull();
		assertThat(approved.report().completed()).isTrue();
		assertThat(approved.report().dryRun()).isFalse();
		assertThat(this.audit.latest(500)).anyMatch((entry) -> entry.user().equals("admin")
				&& entry.action().equals("APPROVE") && "approved-campaign".equals(entry.target()));
		// and the campaign report, one self-contained page, may run its own scripts only
		HttpResponse<String> report = ops.get("/reports/approved-campaign/report.html");
		assertThat(report.statusCode()).isEqualTo(200);
		String policy = report.headers().firstValue("Content-Security-Policy").orElseThrow();
		Matcher script = Pattern.compile("(?s)<script>(.*?)</script>").matcher(report.body());
		int scripts = 0;
		while (script.find()) {
			scripts++;
			assertThat(policy).contains("'sha256-" + Base64.getEncoder()
				.encodeToString(
						MessageDigest.getInstance("SHA-256").digest(script.group(1).getBytes(StandardCharsets.UTF_8)))
					+ "'");
		}
		assertThat(scripts).isPositive();
		assertThat(policy).startsWith("default-src 'none'").doesNotContain("unsafe");
	}

	@Test
	void shouldSendSecurityHeadersOnEveryPageAndNoInlineScript() {
		// given
		ConsoleClient client = new ConsoleClient(this.port);
		HttpResponse<String> login = client.get("/login");
		client.login("ops", "ops");
		// when
		for (String page : List.of("/jobs", "/runs", "/customers", "/preview", "/reports", "/denied")) {
			HttpResponse<String> response = client.get(page);
			// then
			assertThat(response.headers().firstValue("Content-Security-Policy")).as(page)
				.hasValue(ConsoleSecurityConfiguration.CONTENT_SECURITY_POLICY);
			assertThat(response.headers().firstValue("Referrer-Policy")).as(page).hasValue("same-origin");
			assertThat(response.body()).as(page)
				.doesNotContainPattern("<script(?![^>]*\\bsrc=)")
				.doesNotContainPattern("\\son[a-z]+=");
		}
		assertThat(login.headers().firstValue("Content-Security-Policy")).isPresent();
		assertThat(login.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("JSESSIONID=").contains("SameSite=Strict"));
		assertThat(client.get("/actuator/health").headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
	}

	@Test
	void shouldSendStrictTransportSecurityOnlyOverTls() {
		// given a client, and a trusted proxy that says the client came over TLS
		ConsoleClient client = new ConsoleClient(this.port);
		// when
		HttpResponse<String> plain = client.get("/login");
		HttpResponse<String> overTls = client.send(HttpRequest.newBuilder(URI.create(client.base() + "/login"))
			.header("X-Forwarded-Proto", "https")
			.GET()
			.build());
		// then
		assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
		assertThat(overTls.headers().firstValue("Strict-Transport-Security"))
			.hasValueSatisfying((hsts) -> assertThat(hsts).contains("max-age="));
	}

	@Test
	void shouldAnswerABadIdWithBadRequestOrNotFoundAndNoExceptionName() {
		// given
		ConsoleClient ops = new ConsoleClient(this.port).login("ops", "ops");
		// when
		HttpResponse<String> malformed = ops.get("/runs/abc");
		HttpResponse<String> unknown = ops.get("/runs/987654321");
		HttpResponse<String> communication = ops.get("/communications/abc/email.html");
		// then
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(communication.statusCode()).isEqualTo(404);
		for (HttpResponse<String> response : List.of(malformed, unknown, communication)) {
			assertThat(response.body()).doesNotContain("Exception", "at io.tidings", "at org.");
		}
	}

	@Test
	void shouldNotHonourASessionIdInTheUrl() {
		// given a logged-in session
		ConsoleClient ops = new ConsoleClient(this.port).login("ops", "ops");
		assertThat(ops.get("/jobs").statusCode()).isEqualTo(200);
		// when its id is put in a URL by another client
		HttpResponse<String> response = new ConsoleClient(this.port).get("/jobs;jsessionid=" + ops.sessionId());
		// then it is not let in
		assertThat(response.statusCode()).isNotEqualTo(200);
		assertThat(response.body()).doesNotContain("campaign.yml");
	}

	private void waitForLaunches() throws InterruptedException {
		Instant until = Instant.now().plus(Duration.ofMinutes(2));
		while (this.launcher.latest().stream().anyMatch((launch) -> !launch.finished())
				&& Instant.now().isBefore(until)) {
			Thread.sleep(100);
		}
	}

	private void insertCustomer(String id, String firstName, String lastName) {
		JdbcClient.create(this.dataSource)
			.sql("""
					INSERT INTO customer (customer_id, first_name, last_name, language, address_line1, postcode, city,
					country, email, balance, currency, holdings, children, consent_email, consent_sms, paperless,
					attributes, match_key, updated_at)
					VALUES (?, ?, ?, 'en', '1 Test Street', '1000', 'Testville', 'GB', 'x@example.com', 100, 'EUR', '',
					0, TRUE, FALSE, FALSE, '{}', ?, ?)""")
			.params(id, firstName, lastName, id, Timestamp.from(Instant.now()))
			.update();
	}

}
