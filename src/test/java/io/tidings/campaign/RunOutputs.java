package io.tidings.campaign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
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
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's output folder ({@code out/<campaign>/<run>/}) read back against what its ledger
 * says was handed over: the print shop's files, the email outbox and the SMS outbox.
 */
public final class RunOutputs {

	private static final Pattern COMMUNICATION_ID = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private RunOutputs() {
	}

	/**
	 * Checks that each communication handed over is in the output folder exactly once and
	 * nothing else is: the printed ones in the print job (and no print job when nothing
	 * was printed), the emailed ones as {@code .eml} files, the texted ones as lines of
	 * the SMS outbox.
	 */
	public static void assertHandedOverOnce(Path out, Set<String> printed, Set<String> emailed, Set<String> texted)
			throws Exception {
		if (printed.isEmpty()) {
			assertThat(out.resolve("print/DONE")).as("no print job without printed documents").doesNotExist();
			assertThat(TestFiles.count(out.resolve("print"), ".pdf")).as("print streams").isZero();
		}
		else {
			List<Path> jobs = new ArrayList<>(List.of(out.resolve("print")));
			TestFiles.list(out.resolve("print"))
				.filter(path -> path.getFileName().toString().startsWith("drop-"))
				.forEach(jobs::add);
			assertPrintedOnceInStreams(jobs, printed);
		}
		assertThat(names(out.resolve("email"), ".eml")).isEqualTo(emailed);
		List<String> smsIds = new ArrayList<>();
		Path sms = out.resolve("sms/outbox.jsonl");
		if (Files.exists(sms)) {
			JsonMapper json = JsonMapper.builder().build();
			for (String line : Files.readAllLines(sms, StandardCharsets.UTF_8)) {
				smsIds.add(json.readTree(line).get("communicationId").asString());
			}
		}
		assertThat(smsIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(texted);
	}

	/**
	 * Every printed communication is in the manifest of the print job (a run's
	 * {@code print/} folder, or a reprint's) once, and its id (printed in the footer of
	 * each of its pages) is in the streams exactly as often as it has pages: no document
	 * lost, none printed twice, no stream cut short; the checksums match and {@code DONE}
	 * is there.
	 */
	public static void assertPrintedOnceInStreams(Path print, Set<String> printed) throws Exception {
		assertPrintedOnceInStreams(List.of(print), printed);
	}

	/**
	 * The same over several print jobs: a run's own and those of its later delivery
	 * passes ({@code drop-NNN}), each printed communication in exactly one of them.
	 */
	private static void assertPrintedOnceInStreams(List<Path> jobs, Set<String> printed) throws Exception {
		List<String[]> rows = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (Path print : jobs) {
			assertThat(print.resolve("DONE")).exists();
			Files.readAllLines(print.resolve("manifest.csv"))
				.stream()
				.skip(1)
				.map(line -> line.split(","))
				.forEach(rows::add);
			for (String line : Files.readAllLines(print.resolve("SHA256SUMS"))) {
				String[] sum = line.split("  ", 2);
				assertThat(sha256(print.resolve(sum[1]))).as(sum[1]).isEqualTo(sum[0]);
				if (sum[1].endsWith(".pdf")) {
					try (PDDocument stream = Loader.loadPDF(print.resolve(sum[1]).toFile())) {
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

	/**
	 * Names of the files with the suffix in a folder, without it; none without the
	 * folder.
	 */
	private static Set<String> names(Path folder, String suffix) throws IOException {
		Set<String> names = new HashSet<>();
		if (!Files.isDirectory(folder)) {
			return names;
		}
		try (Stream<Path> files = Files.list(folder)) {
			files.map(path -> path.getFileName().toString())
				.filter(name -> name.endsWith(suffix))
				.forEach(name -> names.add(name.substring(0, name.length() - suffix.length())));
			return names;
		}
	}

}
