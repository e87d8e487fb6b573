package io.tidings;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.util.FileSystemUtils;

/**
 * Debian's Chromium, headless, driven through its own chromedriver: Selenium Manager is
 * never asked to download anything. Without chromedriver, browser tests are skipped,
 * unless {@code TIDINGS_BROWSER_TESTS=required} (as {@code .ci/run} sets it), which makes
 * them fail.
 */
public final class HeadlessChromium {

	private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	private static final String CHROMIUM = "/usr/bin/chromium";

	private HeadlessChromium() {
	}

	/**
	 * Skips the calling test when Chromium is not installed, or fails it when browser
	 * tests are required.
	 */
	public static void assumeAvailable() {
		boolean available = CHROMEDRIVER.canExecute() && new File(CHROMIUM).canExecute();
		if (!available && "required".equals(System.getenv("TIDINGS_BROWSER_TESTS"))) {
			throw new AssertionError("Browser tests are required but " + CHROMEDRIVER + " or " + CHROMIUM
					+ " is missing: install chromium and chromium-driver (bash .ci/run does)");
		}
		Assumptions.assumeTrue(available, "Browser test skipped: " + CHROMEDRIVER + " or " + CHROMIUM
				+ " is missing (install chromium and chromium-driver)");
	}

	/**
	 * Starts a fresh headless Chromium with a profile of its own (deleted when the JVM
	 * exits); quit it after use.
	 */
	public static WebDriver start() {
		assumeAvailable();
		try {
			Path profile = Files.createTempDirectory("tidings-chromium").toAbsolutePath();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(profile.toFile())));
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM);
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--user-data-dir=" + profile);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
				.usingAnyFreePort()
				.build();
			return new ChromeDriver(service, options);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
