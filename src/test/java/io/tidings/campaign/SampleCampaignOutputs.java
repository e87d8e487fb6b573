package io.tidings.campaign;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

	private static final Pattern COMMUNICATION_ID = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

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
			assertPrintedOnceInStreams(out.resolve("print"), printed);

			assertThat(names(out.resolve("email"), ".eml")).isEqualTo(idsByState.get("EMAIL SENT")).isNotEmpty();

			JsonMapper json = JsonMapper.builder().build();
			List<String> smsIds = new ArrayList<>();
			for (String line : Files.readAllLines(out.resolve("sms/outbox.jsonl"), StandardCharsets.UTF_8)) {
				JsonNode message = json.readTree(line);
				smsIds.add(message.get("communicationId").asString());
			}
			assertThat(smsIds).doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(idsByState.get("SMS SENT"))
				.isNotEmpty();

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

	/**
	 * Every printed communication is in one manifest once (the run's print folder and the
	 * {@code drop-NNN} folders of later delivery passes), and its id (printed in the
	 * footer of each of its pages) is in the streams exactly as often as it has pages: no
	 * document lost, none printed twice, no stream cut short.
	 */
	private static void assertPrintedOnceInStreams(Path print, Set<String> printed) throws Exception {
		List<Path> drops = new ArrayList<>(List.of(print));
		TestFiles.list(print).filter(path -> path.getFileName().toString().startsWith("drop-")).forEach(drops::add);
		List<String[]> rows = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (Path drop : drops) {
			assertThat(drop.resolve("DONE")).exists();
			Files.readAllLines(drop.resolve("manifest.csv"))
				.stream()
				.skip(1)
				.map(line -> line.split(","))
				.forEach(rows::add);
			for (String line : Files.readAllLines(drop.resolve("SHA256SUMS"))) {
				String[] sum = line.split("  ", 2);
				assertThat(sha256(drop.resolve(sum[1]))).as(sum[1]).isEqualTo(sum[0]);
				if (sum[1].endsWith(".pdf")) {
					try (PDDocument stream = Loader.loadPDF(drop.resolve(sum[1]).toFile())) {
						Matcher ids = COMMUNICATION_ID.matcher(new PDFTextStripper().getText(stream));
						while (ids.find()) {
							seen.merge(ids.group(), 1, Integer::sum);
						}
					}
				}
			}
		}
		assertThat(rows).extracting(row -> row[0]).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(printed);
		Map<String, Integer> pagesOf = new HashMap<>();
		rows.forEach(row -> pagesOf.put(row[0], Integer.parseInt(row[4])));
		assertThat(seen).isEqualTo(pagesOf);
	}

	private static String sha256(Path file) throws Exception {
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		try (var in = new DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(digest.digest());
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
			statements.add(new String[] { name, row.getString("archive_path") });
		});
		assertThat(statements).isNotEmpty();
		for (String[] statement : statements) {
			try (PDDocument pdf = Loader.loadPDF(home.resolve("archive").resolve(statement[1]).toFile())) {
				assertThat(new PDFTextStripper().getText(pdf)).as(statement[1]).contains(statement[0]);
			}
		}
	}

	static Connection database(Path home) throws SQLException {
		return DriverManager.getConnection("jdbc:h2:file:" + home.resolve("db/tidings"), "sa", "");
	}

	static Set<String> names(Path folder, String suffix) {
		Set<String> names = new HashSet<>();
		TestFiles.list(folder)
			.map(path -> path.getFileName().toString())
			.filter(name -> name.endsWith(suffix))
			.forEach(name -> names.add(name.substring(0, name.length() - suffix.length())));
		return names;
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
