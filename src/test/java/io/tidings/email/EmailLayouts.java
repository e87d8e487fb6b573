package io.tidings.email;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;

import io.tidings.HeadlessChromium;

/**
 * Opens the HTML part of an email in headless Chromium as a phone or a desktop mail app
 * would show it (a viewport of the given width, the page's viewport meta honoured, light
 * or dark colour scheme) and measures what a reader would notice: whether the page
 * scrolls sideways, and the weakest contrast of any text against the background it is
 * read on.
 */
final class EmailLayouts implements AutoCloseable {

	/** WCAG 2 contrast ratio of every text against its background, at least. */
	static final double MINIMUM_CONTRAST = 4.5;

	private static final String WORST_CONTRAST = """
			const parse = (c) => {
			  const v = (c.match(/[\\d.]+/g) || []).map(Number);
			  return (v.length < 3) ? null : { r: v[0], g: v[1], b: v[2], a: (v.length > 3) ? v[3] : 1 };
			};
			const channel = (x) => { x /= 255; return (x <= 0.03928) ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); };
			const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
			const background = (element) => {
			  for (let e = element; e; e = e.parentElement) {
			    const c = parse(getComputedStyle(e).backgroundColor);
			    if (c && c.a > 0) { return c; }
			  }
			  return null;
			};
			let worst = 99;
			let where = '';
			for (const element of document.body.querySelectorAll('*')) {
			  if (![...element.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) { continue; }
			  const text = parse(getComputedStyle(element).color);
			  const behind = background(element);
			  if (!behind) { return [0, element.tagName + ' has no background of its own or of a parent']; }
			  const a = luminance(text);
			  const b = luminance(behind);
			  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
			  if (ratio < worst) { worst = ratio; where = element.tagName + ' ' + getComputedStyle(element).color
			      + ' on ' + behind.r + ',' + behind.g + ',' + behind.b; }
			}
			return [worst, where];
			""";

	private final WebDriver browser = HeadlessChromium.start();

	/**
	 * What the page looks like in one viewport.
	 *
	 * @param innerWidth the viewport's width in CSS pixels (a phone zooms out, and so
	 * widens it, to fit a page wider than its screen)
	 * @param scrollWidth the width of the laid-out page
	 */
	record Layout(long innerWidth, long scrollWidth) {

		boolean scrollsSideways() {
			return this.scrollWidth > this.innerWidth;
		}

	}

	/**
	 * The weakest contrast of any text against the background it is read on.
	 *
	 * @param ratio the WCAG 2 contrast ratio, 1 to 21
	 * @param where the element and its colours
	 */
	record Contrast(double ratio, String where) {
	}

	/** Lays out an HTML file in a phone's viewport of that width, in light colours. */
	Layout open(Path html, int width) {
		HasCdp cdp = (HasCdp) this.browser;
		cdp.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", true));
		colourScheme(false);
		this.browser.get(html.toUri().toString());
		JavascriptExecutor js = (JavascriptExecutor) this.browser;
		long inner = ((Number) js.executeScript("return window.innerWidth;")).longValue();
		long scroll = ((Number) js.executeScript("return document.documentElement.scrollWidth;")).longValue();
		return new Layout(inner, scroll);
	}

	/**
	 * Measures the open page's weakest text contrast.
	 * @param dark whether the reader's device asks for dark colours
	 */
	Contrast worstContrast(boolean dark) {
		colourScheme(dark);
		List<?> contrast = (List<?>) ((JavascriptExecutor) this.browser).executeScript(WORST_CONTRAST);
		return new Contrast(((Number) contrast.get(0)).doubleValue(), String.valueOf(contrast.get(1)));
	}

	private void colourScheme(boolean dark) {
		((HasCdp) this.browser).executeCdpCommand("Emulation.setEmulatedMedia",
				Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
	}

	/** Saves the whole open page, as tall as it is, at the width of its viewport. */
	void screenshot(Path file) throws IOException {
		JavascriptExecutor js = (JavascriptExecutor) this.browser;
		long width = ((Number) js.executeScript("return window.innerWidth;")).longValue();
		long height = ((Number) js.executeScript("return document.documentElement.scrollHeight;")).longValue();
		((HasCdp) this.browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
		Files.createDirectories(file.getParent());
		Files.write(file, ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES));
	}

	@Override
	public void close() {
		this.browser.quit();
	}

}
