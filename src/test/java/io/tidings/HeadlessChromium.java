package io.tidings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.util.FileSystemUtils;

/**
 * Debian's Chromium, headless, driven by the system chromedriver for browser tests
 * ({@code @ExtendWith(HeadlessChromium.class)}). Tests are skipped when chromedriver is
 * not installed, unless the environment variable {@code TIDINGS_BROWSER_TESTS=required}
 * (set by {@code .ci/run}, which installs it) makes them fail. Selenium Manager never
 * downloads anything: driver and browser paths are given.
 */
public final class HeadlessChromium implements ExecutionCondition {

	private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path BROWSER = Path.of("/usr/bin/chromium");

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (available()) {
			return ConditionEvaluationResult.enabled("chromium and chromedriver are installed");
		}
		if ("required".equals(System.getenv("TIDINGS_BROWSER_TESTS"))) {
			throw new IllegalStateException(
					"Browser tests are required: install chromium and chromium-driver (bash .ci/run does)");
		}
		return ConditionEvaluationResult
			.disabled("Browser test skipped: install chromium and chromium-driver (bash .ci/run does) to run it");
	}

	public static boolean available() {
		return Files.isExecutable(DRIVER) && Files.isExecutable(BROWSER);
	}

	/**
	 * Starts a headless Chromium with a profile of its own (deleted when the JVM exits);
	 * quit it after use.
	 */
	public static WebDriver start() {
		Path profile;
		try {
			profile = Files.createTempDirectory("tidings-chromium").toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(profile.toFile())));
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

}
