package io.tidings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The embedded database with {@code tidings.database.encryption-key}: its file holds no
 * customer's data in clear, it opens again with the key, and without the key Tidings
 * refuses to start, saying why.
 */
class EncryptedDatabaseTests {

	private static final String KEY = "Kq3-database-key-from-the-secrets-folder";

	private static final String NAME = "Maria Encrypted-Albuquerque";

	@TempDir
	Path home;

	@Test
	void shouldKeepCustomersOutOfTheFileAndOpenItAgainWithTheKey() throws Exception {
		// given
		ConfigurableEnvironment settings = settings(KEY);
		try (Connection connection = open(settings); Statement sql = connection.createStatement()) {
			sql.execute("create table customer (name varchar(100))");
			sql.execute("insert into customer values ('" + NAME + "')");
		}
		// then
		Path file = this.home.resolve("db/tidings.mv.db");
		String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
		assertThat(bytes).startsWith("H2encrypt").doesNotContain(NAME).doesNotContain("Albuquerque");
		try (Connection connection = open(settings(KEY));
				Statement sql = connection.createStatement();
				ResultSet names = sql.executeQuery("select name from customer")) {
			assertThat(names.next()).isTrue();
			assertThat(names.getString(1)).isEqualTo(NAME);
		}
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> settings(""))
			.withMessage(file + ": the database is encrypted: set tidings.database.encryption-key "
					+ "(the file <secrets>/tidings.database.encryption-key) to the key it was created with");
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> open(settings("another-key-of-16-chars")))
			.withMessageContaining("Encryption error in file");
	}

	@Test
	void shouldLeaveADatabaseWithoutKeyAsItWasAndRefuseToEncryptItUnderItsFeet() throws Exception {
		// given
		ConfigurableEnvironment settings = settings("");
		assertThat(settings.getProperty("spring.datasource.url")).doesNotContain("CIPHER");
		try (Connection connection = open(settings); Statement sql = connection.createStatement()) {
			sql.execute("create table customer (name varchar(100))");
			sql.execute("insert into customer values ('" + NAME + "')");
		}
		Path file = this.home.resolve("db/tidings.mv.db");
		assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).contains(NAME);
		// then
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> settings(KEY))
			.withMessageStartingWith(file + ": the database was created without encryption");
	}

	private ConfigurableEnvironment settings(String key) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test",
					Map.of("spring.datasource.url", "jdbc:h2:file:" + this.home + "/db/tidings;WRITE_DELAY=0",
							"spring.datasource.username", "sa", "spring.datasource.password", "", EncryptedDatabase.KEY,
							key)));
		new EncryptedDatabase().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	private static Connection open(ConfigurableEnvironment settings) throws SQLException {
		return DriverManager.getConnection(settings.getProperty("spring.datasource.url"),
				settings.getProperty("spring.datasource.username"), settings.getProperty("spring.datasource.password"));
	}

}
