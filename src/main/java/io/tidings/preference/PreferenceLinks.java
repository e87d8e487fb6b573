package io.tidings.preference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidings.TidingsHome;
import io.tidings.outbox.CommunicationId;

import org.springframework.stereotype.Component;

/**
 * The links of one communication to the preference centre, signed with
 * {@code tidings.links.secret}. Without a configured secret, the first use generates one
 * into the secrets folder ({@code <secrets>/tidings.links.secret}, readable by its owner
 * only), where every later run and {@code tidings serve} on the same home find it: there
 * is no built-in key that would work anywhere else.
 */
@Component
public class PreferenceLinks {

	static final String SECRET_FILE = "tidings.links.secret";

	private static final Logger logger = LoggerFactory.getLogger(PreferenceLinks.class);

	private final LinkSettings settings;

	private final Path secrets;

	private final Clock clock;

	private volatile @Nullable LinkTokens tokens;

	PreferenceLinks(LinkSettings settings, TidingsHome home, Clock clock) {
		this.settings = settings;
		this.secrets = home.secrets();
		this.clock = clock;
	}

	/**
	 * The links that go into a message of the communication.
	 */
	public Links linksFor(CommunicationId communication) {
		String token = tokens().issue(communication);
		String base = this.settings.baseUrl();
		return new Links(base + "/p/" + token, base + "/p/" + token + "/interest", base + "/unsubscribe/" + token);
	}

	/** The communication a link token names, when the token is valid and unexpired. */
	Optional<CommunicationId> verify(String token) {
		return tokens().verify(token);
	}

	private LinkTokens tokens() {
		LinkTokens current = this.tokens;
		if (current == null) {
			synchronized (this) {
				current = this.tokens;
				if (current == null) {
					List<String> keys = new ArrayList<>();
					keys.add(secret());
					keys.addAll(this.settings.previousSecrets());
					current = new LinkTokens(keys, this.settings.ttl(), this.clock);
					this.tokens = current;
					String host = URI.create(this.settings.baseUrl()).getHost();
					if (host != null && (host.equals("localhost") || host.startsWith("127."))) {
						logger.warn(
								"Preference-centre links point at {}: set tidings.links.base-url to the public "
										+ "URL of tidings serve, or customers cannot open them",
								this.settings.baseUrl());
					}
				}
			}
		}
		return current;
	}

	private String secret() {
		String configured = this.settings.secret();
		if (configured != null && !configured.isBlank()) {
			if (configured.strip().length() < 32) {
				throw new IllegalStateException("tidings.links.secret must be at least 32 characters long");
			}
			return configured.strip();
		}
		Path file = this.secrets.resolve(SECRET_FILE);
		try {
			if (!Files.exists(file)) {
				generate(file);
			}
			return Files.readString(file, StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read or create the link-signing secret " + file
					+ "; set tidings.links.secret (TIDINGS_LINKS_SECRET) instead", ex);
		}
	}

	/** Writes a new random key, unless another process has just written one. */
	private void generate(Path file) throws IOException {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		if (!Files.isDirectory(file.getParent())) {
			Files.createDirectories(file.getParent());
			ownerOnly(file.getParent(), "rwx------");
		}
		Path scratch = Files.createTempFile(file.getParent(), SECRET_FILE, ".tmp");
		try {
			ownerOnly(scratch, "rw-------");
			Files.writeString(scratch, Base64.getUrlEncoder().withoutPadding().encodeToString(key));
			// a hard link is made only where no file is: two processes never replace each
			// other's key
			Files.createLink(file, scratch);
			logger.warn("Generated the key that signs preference-centre links in {}: every machine that renders "
					+ "messages or runs tidings serve needs the same tidings.links.secret", file);
		}
		catch (FileAlreadyExistsException ex) {
			// another process generated it first: use theirs
		}
		finally {
			Files.deleteIfExists(scratch);
		}
	}

	private static void ownerOnly(Path path, String permissions) throws IOException {
		if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		}
	}

	/**
	 * Links of one communication.
	 *
	 * @param preferences the preference page
	 * @param interest the "I'm interested" page of the communication's offer
	 * @param unsubscribe the one-click unsubscribe URL (RFC 8058)
	 */
	public record Links(String preferences, String interest, String unsubscribe) {

	}

}
