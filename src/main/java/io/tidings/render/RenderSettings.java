package io.tidings.render;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of PDF rendering ({@code tidings.render.*}).
 *
 * @param tagged whether PDFs delivered electronically (email attachments) are tagged for
 * accessibility (PDF/UA: a structure tree that screen readers follow); costs about a
 * fifth more rendering time
 * @param printTagged whether documents rendered for paper are tagged too: a printed page
 * is read by eye, so by default it carries no structure tree
 */
@ConfigurationProperties("tidings.render")
public record RenderSettings(@DefaultValue("true") boolean tagged, @DefaultValue("false") boolean printTagged) {

	/**
	 * The defaults, for use outside an application context.
	 */
	public static RenderSettings defaults() {
		return new RenderSettings(true, false);
	}

	boolean tagged(Rendition rendition) {
		return (rendition == Rendition.PRINT) ? this.printTagged : this.tagged;
	}

}
