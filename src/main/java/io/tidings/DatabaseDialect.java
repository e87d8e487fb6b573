package io.tidings;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;

/**
 * Which database the application's data source reaches, asked of the database once, and
 * the few statements that differ between the embedded H2 database and PostgreSQL.
 */
@Component
public class DatabaseDialect {

	private final DataSource dataSource;

	private volatile @Nullable Boolean postgreSql;

	public DatabaseDialect(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	public boolean isPostgreSql() {
		Boolean known = this.postgreSql;
		if (known == null) {
			try (Connection connection = this.dataSource.getConnection()) {
				known = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
			}
			catch (SQLException ex) {
				throw new CannotGetJdbcConnectionException("Cannot tell which database this is", ex);
			}
			this.postgreSql = known;
		}
		return known;
	}

	/**
	 * A statement that adds a row unless the table holds one with the same key, and
	 * counts 1 when it added it. Its parameters are the key's columns, then the others,
	 * in the given order. On PostgreSQL it is {@code INSERT ... ON CONFLICT DO NOTHING},
	 * which checks the key through the key's own unique index: PostgreSQL planned a
	 * {@code MERGE} on it, for a table a run was filling, through another index or by
	 * reading the whole table (the decide stage read all the run's plans, then all the
	 * consents, for each customer). H2 has the standard {@code MERGE}.
	 * @param key the key's columns, each with its SQL type
	 * ({@code "run_key VARCHAR(40)"})
	 * @param others the other columns set
	 */
	public String insertUnlessPresent(String table, List<String> key, List<String> others) {
		List<String> keyColumns = key.stream().map(column -> column.split(" ", 2)[0]).toList();
		List<String> columns = new ArrayList<>(keyColumns);
		columns.addAll(others);
		if (isPostgreSql()) {
			return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
					+ String.join(", ", Collections.nCopies(columns.size(), "?")) + ") ON CONFLICT ("
					+ String.join(", ", keyColumns) + ") DO NOTHING";
		}
		List<String> casts = key.stream().map(column -> "CAST(? AS " + column.split(" ", 2)[1] + ")").toList();
		List<String> matches = keyColumns.stream().map(column -> "t." + column + " = s." + column).toList();
		List<String> values = new ArrayList<>(keyColumns.stream().map(column -> "s." + column).toList());
		values.addAll(Collections.nCopies(others.size(), "?"));
		return "MERGE INTO " + table + " t USING (VALUES (" + String.join(", ", casts) + ")) AS s("
				+ String.join(", ", keyColumns) + ") ON " + String.join(" AND ", matches)
				+ " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", columns) + ") VALUES ("
				+ String.join(", ", values) + ")";
	}

}
