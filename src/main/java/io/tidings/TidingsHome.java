package io.tidings;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Tidings home folder: database, run outputs and the archive live under it
 * ({@code --home}, {@code TIDINGS_HOME}, property {@code tidings.home}; default
 * {@code ./var}).
 *
 * @param home the home folder: database, run outputs and the archive
 * ({@code TIDINGS_HOME} or {@code --home} override it)
 * @param secrets the secrets folder: one file per secret property, named after it and
 * holding only its value ({@code TIDINGS_SECRETS}); unset: {@code <home>/secrets}
 */
@ConfigurationProperties("tidings")
public record TidingsHome(@DefaultValue("./var") Path home, @Nullable Path secrets) {

	@ConstructorBinding
	public TidingsHome {
		home = home.toAbsolutePath().normalize();
		// application.properties reads the same default into spring.config.import
		secrets = (secrets != null) ? secrets.toAbsolutePath().normalize() : home.resolve("secrets");
	}

	/** A home with its secrets folder where it is by default. */
	public TidingsHome(Path home) {
		this(home, null);
	}

	@Override
	public Path secrets() {
		return (this.secrets != null) ? this.secrets : this.home.resolve("secrets");
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
