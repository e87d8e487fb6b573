package io.tidings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Encrypts the embedded H2 database when {@code tidings.database.encryption-key} is set
 * (best as the file {@code <secrets>/tidings.database.encryption-key}): the database is
 * opened with {@code CIPHER=AES} and the key as its file password, and its user gets a
 * password ({@code spring.datasource.password}, or the key when that is empty). An
 * encrypted database opened without the key, or a database created without encryption
 * opened with one, is refused with the reason, rather than H2's "file corrupted".
 */
class EncryptedDatabase implements EnvironmentPostProcessor, Ordered {

	static final String KEY = "tidings.database.encryption-key";

	/** What H2 writes first in an encrypted file. */
	private static final byte[] ENCRYPTED = "H2encrypt\n".getBytes(StandardCharsets.US_ASCII);

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String url = environment.getProperty("spring.datasource.url", "");
		if (!EmbeddedH2.isFile(url)) {
			return;
		}
		String key = environment.getProperty(KEY, "").strip();
		Path database = EmbeddedH2.path(url);
		Path file = database.resolveSibling(database.getFileName() + ".mv.db");
		boolean exists = Files.isRegularFile(file);
		if (key.isEmpty()) {
			if (exists && encrypted(file)) {
				throw new InvalidInputException(file, "the database is encrypted: set " + KEY + " (the file <secrets>/"
						+ KEY + ") to the key it was created with");
			}
			return;
		}
		if (key.length() < 16 || key.chars().anyMatch(Character::isWhitespace)) {
			throw new InvalidInputException(KEY + " must be at least 16 characters long, without spaces");
		}
		if (exists && !encrypted(file)) {
			throw new InvalidInputException(file, "the database was created without encryption: remove " + KEY
					+ ", or move the database away and let Tidings create an encrypted one (see README, Deploying)");
		}
		String password = environment.getProperty("spring.datasource.password", "");
		environment.getPropertySources()
			.addFirst(new MapPropertySource("tidings-encrypted-database",
					Map.of("spring.datasource.url", url + ";CIPHER=AES", "spring.datasource.password",
							key + " " + (password.isEmpty() ? key : password))));
	}

	private static boolean encrypted(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return Arrays.equals(in.readNBytes(ENCRYPTED.length), ENCRYPTED);
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public int getOrder() {
		// after the application's properties and the secrets folder are read
		return Ordered.LOWEST_PRECEDENCE;
	}

}
