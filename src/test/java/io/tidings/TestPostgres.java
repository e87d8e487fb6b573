package io.tidings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL server for tests, started once per test JVM from the binaries that
 * Maven Central serves (no server needs to be installed) on a free port, and stopped when
 * the JVM ends. Each caller gets a database of its own, so test classes do not see each
 * other's data, as they would not with their own H2 home.
 */
public final class TestPostgres {

	private static final AtomicInteger databases = new AtomicInteger();

	private static EmbeddedPostgres server;

	private TestPostgres() {
	}

	/**
	 * Points the application at a new, empty database of the shared server.
	 * @param name what the database is for (letters, digits and underscores)
	 */
	public static void useNewDatabase(DynamicPropertyRegistry registry, String name) {
		String url = newDatabase(name);
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
	}

	/**
	 * Creates a new, empty database.
	 * @param name what the database is for (letters, digits and underscores)
	 * @return its JDBC URL
	 */
	public static synchronized String newDatabase(String name) {
		String database = name.toLowerCase(Locale.ROOT) + "_" + databases.incrementAndGet();
		try (Connection connection = server().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + database, ex);
		}
		return server.getJdbcUrl("postgres", database);
	}

	private static EmbeddedPostgres server() {
		if (server == null) {
			try {
				server = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start PostgreSQL", ex);
			}
			EmbeddedPostgres started = server;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					started.close();
				}
				catch (IOException ex) {
					// the JVM is ending: the server's folder is temporary anyway
				}
			}));
		}
		return server;
	}

}
