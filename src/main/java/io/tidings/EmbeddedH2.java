package io.tidings;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.jspecify.annotations.Nullable;

/**
 * What the embedded H2 database's JDBC URL and connections say about its file.
 */
final class EmbeddedH2 {

	private static final String FILE_URL = "jdbc:h2:file:";

	private EmbeddedH2() {
	}

	static boolean isFile(@Nullable String url) {
		return url != null && url.startsWith(FILE_URL);
	}

	/**
	 * The database's path without H2's {@code .mv.db}, with {@code ~} expanded as H2
	 * expands it; only for a URL that {@link #isFile names a file}.
	 */
	static Path path(String url) {
		String name = url.substring(FILE_URL.length()).split(";")[0];
		if (name.equals("~") || name.startsWith("~/")) {
			name = System.getProperty("user.home") + name.substring(1);
		}
		return Path.of(name);
	}

	/** The embedded engine's session behind a connection, or null for a server's. */
	static @Nullable SessionLocal session(Connection connection) throws SQLException {
		if (connection.isWrapperFor(JdbcConnection.class)
				&& connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
			return session;
		}
		return null;
	}

}
