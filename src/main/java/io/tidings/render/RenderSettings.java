package io.tidings.render;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of PDF rendering ({@code tidings.render.*}).
 *
 * @param tagged whether PDFs are tagged for accessibility (PDF/UA: a structure tree that
 * screen readers follow); costs about a fifth more rendering time
 */
@ConfigurationProperties("tidings.render")
public record RenderSettings(@DefaultValue("true") boolean tagged) {

	/**
	 * The defaults, for use outside an application context.
	 */
	public static RenderSettings defaults() {
		return new RenderSettings(true);
	}

}
