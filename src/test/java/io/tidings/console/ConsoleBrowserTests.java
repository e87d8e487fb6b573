package io.tidings.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.tidings.HeadlessChromium;
import io.tidings.archive.DocumentArchive;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.Communications;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real headless Chromium, as a newcomer uses it: log in with the demo
 * user, run the campaign from the browser, watch it complete, open a customer and see the
 * archived PDF, byte for byte. Screenshots of the pages go to {@code target/screenshots},
 * or to the folder of {@code -Dtidings.screenshots=docs/screenshots}.
 */
@ExtendWith(HeadlessChromium.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.main.web-application-type=servlet",
		"tidings.scheduler.enabled=false", "tidings.console.demo-users=true" })
class ConsoleBrowserTests {

	@TempDir
	static Path folder;

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	@Autowired
	DocumentArchive archive;

	@Autowired
	Communications communications;

	private WebDriver browser;

	private final Path screenshots = Path.of(System.getProperty("tidings.screenshots", "target/screenshots"));

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ConsoleClient.serveSmallCampaign(registry, folder);
	}

	@BeforeEach
	void startBrowser() {
		this.browser = HeadlessChromium.start();
	}

	@AfterEach
	void stopBrowser() {
		this.browser.quit();
	}

	@Test
	void shouldRunTheCampaignFromTheBrowserAndShowWhatACustomerWasSent() throws Exception {
		// given the login page
		open("/jobs");
		assertThat(this.browser.getCurrentUrl()).endsWith("/login");
		screenshot("login");
		// when the demo user logs in
		type("username", "ops");
		type("password", "ops");
		this.browser.findElement(By.cssSelector("section.login button")).click();
		// then the jobs page shows the job file
		waitFor(() -> this.browser.getCurrentUrl().contains("/jobs"));
		assertThat(text("table.jobs")).contains("campaign.yml", "quarterly-statements", "0 0 6 2 1,4,7,10 *");
		screenshot("jobs");
		// when "run now" is clicked twice in a row
		WebElement runNow = this.browser.findElement(By.cssSelector("button.run-now"));
		((JavascriptExecutor) this.browser).executeScript("arguments[0].click(); arguments[0].click();", runNow);
		// then one run starts, and the runs page follows it until it completes
		waitFor(() -> this.browser.getCurrentUrl().contains("/runs"));
		assertThat(text("main")).contains("Run of quarterly-statements started.");
		waitFor(() -> !this.browser.findElements(By.cssSelector("table.runs tr.run[data-status='COMPLETED']")).isEmpty()
				&& this.browser.findElements(By.cssSelector("#runs .status.STARTED")).isEmpty());
		assertThat(this.browser.findElements(By.cssSelector("table.runs tr.run"))).hasSize(1);
		screenshot("runs");
		// when the run is opened
		this.browser.findElement(By.cssSelector("table.runs tr.run a")).click();
		waitFor(() -> this.browser.getCurrentUrl().contains("/runs/"));
		assertThat(text("#run-status")).isEqualTo("completed");
		assertThat(text("table.stages")).contains("renderDocumentsStep", "deliverCommunicationsStep",
				"completeRunStep");
		screenshot("run");
		// when a customer is searched by name and opened
		open("/customers");
		type("q", "Brontë");
		this.browser.findElement(By.cssSelector("form.search button")).click();
		waitFor(() -> !this.browser.findElements(By.cssSelector("table.matches a")).isEmpty());
		this.browser.findElement(By.cssSelector("table.matches a")).click();
		waitFor(() -> this.browser.getCurrentUrl().contains("/customers/T001"));
		// then the archived statement is shown inline, byte for byte as archived
		assertThat(text("#customer-name")).contains("Zoë Brontë-Smith");
		WebElement pdf = this.browser.findElement(By.cssSelector("object.pdf"));
		String shown = pdf.getDomAttribute("data").replaceFirst("^/communications/([^/]+)/document$", "$1");
		String sha256 = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256")
				.digest(this.archive
					.read(this.communications.find(new CommunicationId(shown)).orElseThrow().archivePath())
					.orElseThrow()));
		Object fetched = ((JavascriptExecutor) this.browser).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(arguments[0].data).then(r => r.arrayBuffer()).then(async bytes => {
				  const digest = await crypto.subtle.digest('SHA-256', bytes);
				  const hex = [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
				  const head = new TextDecoder().decode(bytes.slice(0, 5));
				  done(head + ' ' + hex);
				}).catch(e => done('error ' + e));""", pdf);
		assertThat(fetched).isEqualTo("%PDF- " + sha256);
		assertThat(text("main")).contains("statement", "Why", "Consent now");
		screenshot("customer");
		// and a name with markup is shown as text
		insertCustomer("X191", "<script>alert('x')</script>", "Smith");
		open("/customers/X191");
		assertThat(text("#customer-name")).contains("<script>alert('x')</script> Smith");
		// and the report and the preview pages work
		open("/reports/quarterly-statements");
		assertThat(this.browser.findElements(By.cssSelector("iframe.report"))).hasSize(1);
		screenshot("report");
		open("/preview?job=campaign.yml&template=statement%2Fstatement.ftlh&customer=T001");
		assertThat(this.browser.findElements(By.cssSelector("img.proof"))).hasSize(1);
		screenshot("preview");
	}

	private void open(String path) {
		this.browser.get("http://localhost:" + this.port + path);
	}

	private void type(String name, String value) {
		WebElement field = this.browser.findElement(By.name(name));
		field.clear();
		field.sendKeys(value);
	}

	private String text(String css) {
		return this.browser.findElement(By.cssSelector(css)).getText();
	}

	private void waitFor(java.util.function.BooleanSupplier condition) {
		try {
			new WebDriverWait(this.browser, Duration.ofMinutes(2)).until((driver) -> condition.getAsBoolean());
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			throw new AssertionError("Timed out on " + this.browser.getCurrentUrl() + " showing:\n"
					+ this.browser.findElement(By.tagName("main")).getText(), ex);
		}
	}

	private void screenshot(String name) throws IOException {
		Files.createDirectories(this.screenshots);
		Path shot = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(shot, this.screenshots.resolve("console-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
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
