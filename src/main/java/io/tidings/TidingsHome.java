package io.tidings;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Tidings home folder: database, run outputs and the archive live under it
 * ({@code --home}, {@code TIDINGS_HOME}, property {@code tidings.home}; default
 * {@code ./var}).
 *
 * @param home the folder
 */
@ConfigurationProperties("tidings")
public record TidingsHome(Path home) {

	public TidingsHome {
		home = home.toAbsolutePath().normalize();
	}

	/** Outputs of campaign runs: {@code out/<campaign>/<run>/<channel>/}. */
	public Path out() {
		return this.home.resolve("out");
	}

	/** Reject files of inputs whose own folder cannot be written. */
	public Path rejects() {
		return this.home.resolve("rejects");
	}

	/**
	 * What was fetched from mailboxes and endpoints to be ingested:
	 * {@code inbox/<kind>/}.
	 */
	public Path inbox() {
		return this.home.resolve("inbox");
	}

	/** Exact bytes of every document, addressable by communication id. */
	public Path archive() {
		return this.home.resolve("archive");
	}

}
