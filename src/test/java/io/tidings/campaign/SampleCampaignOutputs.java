package io.tidings.campaign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import io.tidings.archive.Archives;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads back what runs of the sample campaign ({@code jobs/quarterly-statements.yml}, 234
 * customers) left in a home and checks that every planned communication was delivered
 * exactly once: in the ledger, in the print streams and manifests (the run's own and the
 * later delivery passes' {@code drop-NNN}), in the email outbox and in the SMS outbox,
 * and that every printed statement carries its customer's name.
 */
final class SampleCampaignOutputs {

	static final int AUDIENCE = 234;

	private SampleCampaignOutputs() {
	}

	static Path outFolder(Path home, String runKey) {
		return home.resolve("out/quarterly-statements").resolve(runKey);
	}

	static void assertExactlyOnce(Path home, String runKey) throws Exception {
		Path out = outFolder(home, runKey);
		try (Connection db = database(home)) {
			Map<String, Set<String>> idsByState = new HashMap<>();
			Map<String, Integer> kindsPerCustomer = new HashMap<>();
			query(db, "SELECT communication_id, customer_id, channel, state FROM communication WHERE run_key = '"
					+ runKey + "'", row -> {
						idsByState
							.computeIfAbsent(row.getString("channel") + " " + row.getString("state"),
									key -> new HashSet<>())
							.add(row.getString("communication_id"));
						kindsPerCustomer.merge(row.getString("customer_id"), 1, Integer::sum);
					});
			long audience = scalar(db, "SELECT COUNT(*) FROM run_audience WHERE run_key = '" + runKey + "'");
			assertThat(audience).isEqualTo(AUDIENCE);
			assertThat(kindsPerCustomer).hasSize(AUDIENCE)
				.allSatisfy((customer, kinds) -> assertThat(kinds).isEqualTo(2));
			assertThat(idsByState.keySet()).noneMatch(key -> key.endsWith("PLANNED") || key.endsWith("RENDERED"));

			Set<String> printed = idsByState.getOrDefault("PRINT PRINTED", Set.of());
			assertThat(printed).as("the statements on paper and the printed mailers").isNotEmpty();
			assertThat(idsByState.get("EMAIL SENT")).isNotEmpty();
			assertThat(idsByState.get("SMS SENT")).isNotEmpty();
			RunOutputs.assertHandedOverOnce(out, printed, idsByState.get("EMAIL SENT"), idsByState.get("SMS SENT"));

			try (Stream<Path> files = Files.walk(home)) {
				assertThat(files.filter(path -> path.toString().endsWith(".part"))).isEmpty();
			}
			assertThat(scalar(db,
					"SELECT COUNT(*) FROM communication WHERE document_kind = 'STATEMENT' AND run_key = '" + runKey
							+ "' AND state IN ('PRINTED', 'SENT')"))
				.as("a statement for every customer, on paper or by email")
				.isEqualTo(AUDIENCE);
			assertStatementsCarryTheCustomersName(db, home, runKey);
		}
	}

	private static void assertStatementsCarryTheCustomersName(Connection db, Path home, String runKey)
			throws Exception {
		List<String[]> statements = new ArrayList<>();
		query(db, """
				SELECT c.first_name, c.last_name, c.language, m.archive_path FROM communication m
				JOIN customer c ON c.customer_id = m.customer_id
				WHERE m.document_kind = 'STATEMENT' AND m.state = 'PRINTED' AND m.run_key = '%s'
				""".formatted(runKey), row -> {
			String first = (row.getString("first_name") != null) ? row.getString("first_name") : "";
			String last = (row.getString("last_name") != null) ? row.getString("last_name") : "";
			String name = "zh".equals(row.getString("language")) ? last + first : (first + " " + last).strip();
			// where the post office wants the addressee in capitals (Hungary, for one),
			// the letter prints the name upper-cased by the rules of its language
			String capitals = name.toUpperCase(Locale.forLanguageTag(row.getString("language")));
			statements.add(new String[] { name, capitals, row.getString("archive_path") });
		});
		assertThat(statements).isNotEmpty();
		for (String[] statement : statements) {
			try (PDDocument pdf = Loader.loadPDF(Archives.in(home).read(statement[2]).orElseThrow())) {
				assertThat(new PDFTextStripper().getText(pdf)).as(statement[2])
					.containsAnyOf(statement[0], statement[1]);
			}
		}
	}

	static Connection database(Path home) throws SQLException {
		return DriverManager.getConnection("jdbc:h2:file:" + home.resolve("db/tidings"), "sa", "");
	}

	static void query(Connection db, String sql, RowHandler handler) throws SQLException {
		try (var statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				handler.handle(rows);
			}
		}
	}

	static long scalar(Connection db, String sql) throws SQLException {
		try (var statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	@FunctionalInterface
	interface RowHandler {

		void handle(ResultSet row) throws SQLException;

	}

}
