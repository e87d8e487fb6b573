package io.tidings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.cli.TidingsCommandLine;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole campaign run through the {@code tidings} command with SMTP and Twilio
 * credentials read from the secrets folder, debug logging on for Tidings, and customers
 * whose names hold markup and whose id is a spreadsheet formula: the log holds no secret
 * and no customer's name, address, email or phone number; the markup is text in the
 * letter, the email and the console; the print manifest holds no formula.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfidentialityTests {

	private static final String MAIL_PASSWORD = "mail-Pa55-from-the-secrets-folder";

	private static final String AUTH_TOKEN = "twilio-token-from-the-secrets-folder";

	private static final String ACCOUNT_SID = "AC00000000000000000000000000000000";

	private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

	private static final String SCRIPT_NAME = "<script>alert(1)</script>";

	private static final String HOSTILE_CUSTOMERS = """
			H001,Ms,<script>alert(1)</script>,<img src=x>,en,9 Hostile Road,,LS1 1AA,Leeds,GB,h001@example.com,,1980-01-01,5000.00,GBP,,CURRENT_ACCOUNT,0,single,true,false,false,0
			=H002,Mr,Tom & Jerry,\"\"\"Quoted\"\" </p><b>Bold</b>\",en,10 Hostile Road,,LS1 1AB,Leeds,GB,,+447400999001,1981-02-02,3000.00,GBP,,CURRENT_ACCOUNT,0,single,false,true,false,0
			""";

	private static final Map<String, String> SETTINGS = new LinkedHashMap<>();

	@TempDir
	Path folder;

	private final GreenMail smtpServer = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("tidings", MAIL_PASSWORD));

	private final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());

	@BeforeEach
	void start() {
		this.smtpServer.start();
		this.twilio.start();
		this.twilio.stubFor(post(urlPathEqualTo(MESSAGES)).withBasicAuth(ACCOUNT_SID, AUTH_TOKEN)
			.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
					{"account_sid": "%s", "sid": "SM00000000000000000000000000000001", "status": "queued",
					 "num_segments": "1", "direction": "outbound-api", "api_version": "2010-04-01"}
					""".formatted(ACCOUNT_SID))));
		SETTINGS.put("spring.mail.host", "localhost");
		SETTINGS.put("spring.mail.port", String.valueOf(this.smtpServer.getSmtp().getPort()));
		SETTINGS.put("spring.mail.username", "tidings");
		SETTINGS.put("spring.mail.properties.mail.smtp.auth", "true");
		SETTINGS.put("tidings.sms.account-sid", ACCOUNT_SID);
		SETTINGS.put("tidings.sms.from", "+15005550006");
		SETTINGS.put("tidings.sms.base-url", "http://localhost:" + this.twilio.port());
		SETTINGS.put("logging.level.root", "INFO");
		SETTINGS.put("logging.level.io.tidings", "DEBUG");
		// the test's own SMTP server logs the addresses it receives mail for
		SETTINGS.put("logging.level.com.icegreen", "WARN");
		SETTINGS.forEach(System::setProperty);
	}

	@AfterEach
	void stop() {
		SETTINGS.keySet().forEach(System::clearProperty);
		this.twilio.stop();
		this.smtpServer.stop();
	}

	@Test
	void shouldKeepSecretsAndPersonalDataOutOfTheLogsAndMarkupOutOfDocuments(CapturedOutput output) throws Exception {
		// given the secrets in files of the secrets folder, not in any setting
		Path home = this.folder.resolve("home");
		Path secrets = Files.createDirectories(home.resolve("secrets"));
		Files.writeString(secrets.resolve("spring.mail.password"), MAIL_PASSWORD);
		Files.writeString(secrets.resolve("tidings.sms.auth-token"), AUTH_TOKEN);
		Path job = TestCampaigns.smallCampaign(this.folder.resolve("campaign"));
		Path customersFile = job.resolveSibling("customers.csv");
		Files.writeString(customersFile, HOSTILE_CUSTOMERS, java.nio.file.StandardOpenOption.APPEND);

		// when
		int exitCode = TidingsCommandLine
			.execute(new String[] { "run", job.toString(), "--as-of", "2026-09-30", "--home", home.toString() });
		// what the terminal showed and the log file, which has the traces
		String log = output.getAll() + LogFile.read();

		// then the credentials were used...
		assertThat(exitCode).as(log).isEqualTo(TidingsCommandLine.OK);
		assertThat(this.smtpServer.getReceivedMessages()).as("sent with the password").isNotEmpty();
		this.twilio.verify(postRequestedFor(urlPathEqualTo(MESSAGES))
			.withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials(ACCOUNT_SID, AUTH_TOKEN)));
		// ... and never logged, nor any personal data
		assertThat(log).contains("deliver completed").doesNotContain(MAIL_PASSWORD, AUTH_TOKEN);
		// (as a word: "Ann" is in "AnnotationConfigApplicationContext")
		for (String value : personalData(customersFile)) {
			assertThat(log).as("the log")
				.doesNotContainPattern(
						"(?<![\\p{L}\\p{N}])" + java.util.regex.Pattern.quote(value) + "(?![\\p{L}\\p{N}])");
		}

		// the markup is text in the letter and the email
		List<String> letters = pdfTexts(home.resolve("out"));
		assertThat(letters).anySatisfy(text -> assertThat(text).contains(SCRIPT_NAME));
		assertThat(letters).anySatisfy(text -> assertThat(text).contains("Tom & Jerry"));
		MimeMessage email = Stream.of(this.smtpServer.getReceivedMessages())
			.filter(message -> recipient(message).equals("h001@example.com"))
			.findFirst()
			.orElseThrow();
		String html = (String) ((MimeMultipart) email.getContent()).getBodyPart(1).getContent();
		// (the salutation names her by title and last name)
		assertThat(html).contains("Dear Ms &lt;img src=x&gt;,").doesNotContain("<script>", "<img");

		// the manifest holds the formula-like customer id as text
		Path manifest = find(home.resolve("out"), "manifest.csv");
		BadInput.assertNoFormulaCells(manifest);
		assertThat(Files.readString(manifest)).contains(",'=H002,");

		// and the console prints the name as it is, without control characters
		int before = output.getOut().length();
		assertThat(TidingsCommandLine.execute(new String[] { "history", "H001", "--home", home.toString() }))
			.isEqualTo(TidingsCommandLine.OK);
		String history = output.getOut().substring(before);
		assertThat(history).contains("Customer H001: " + SCRIPT_NAME).doesNotContain("\u001b");
	}

	private static String recipient(MimeMessage message) {
		try {
			return ((jakarta.mail.internet.InternetAddress) message.getAllRecipients()[0]).getAddress();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Every name, street, email address and phone number of the customer file (the phone
	 * also as its digits, since numbers are stored in E.164).
	 */
	private static List<String> personalData(Path customersFile) throws IOException {
		List<String> values = new ArrayList<>();
		try (CSVParser parser = CSVParser.parse(customersFile, StandardCharsets.UTF_8,
				CSVFormat.RFC4180.builder().setHeader().get())) {
			for (CSVRecord customer : parser) {
				if (!customer.isConsistent()) {
					continue;
				}
				for (String field : new String[] { "first_name", "last_name", "address_line1", "email", "phone" }) {
					String value = customer.get(field);
					if (value.length() >= 3) {
						values.add(value);
					}
				}
				String digits = customer.get("phone").replaceAll("[^0-9]", "");
				if (digits.length() >= 7) {
					values.add(digits);
				}
			}
		}
		assertThat(values).hasSizeGreaterThan(30).contains(SCRIPT_NAME, "h001@example.com", "+447400999001");
		return values;
	}

	private static List<String> pdfTexts(Path out) throws IOException {
		List<String> texts = new ArrayList<>();
		try (Stream<Path> files = Files.walk(out)) {
			for (Path pdf : files.filter(path -> path.toString().endsWith(".pdf")).toList()) {
				try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
					texts.add(new PDFTextStripper().getText(document));
				}
			}
		}
		return texts;
	}

	private static Path find(Path folder, String name) throws IOException {
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(path -> path.getFileName().toString().equals(name)).findFirst().orElseThrow();
		}
	}

}
