package io.tidings.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

import io.tidings.InvalidInputException;
import io.tidings.OwnerOnly;
import io.tidings.audit.AuditLog;

import org.springframework.context.ApplicationContext;

/**
 * {@code tidings audit verify} and {@code tidings audit export [--since ...] [--output
 * <file>]}: checks the audit log's hash chain, and writes the log as JSON lines for a
 * SIEM.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
		description = { "Checks the audit log's hash chain, or exports the log as JSON lines for a SIEM." },
		subcommands = { AuditCommand.Verify.class, AuditCommand.Export.class })
class AuditCommand {

	@Command(name = "verify", mixinStandardHelpOptions = true,
			description = { "Checks every link of the audit log's hash chain and reports the first broken one "
					+ "(exit code 1): an entry changed, removed or inserted behind the log's back." })
	static class Verify implements TidingsSubcommand {

		@Override
		public int run(ApplicationContext context, PrintWriter out) {
			AuditLog.Verification verification = context.getBean(AuditLog.class).verify();
			String before = (verification.unchained() > 0)
					? " (" + verification.unchained() + " older entries, from before the chain, are not covered)" : "";
			if (verification.intact()) {
				out.printf("Audit log intact: %d entries checked%s.%n", verification.checked(), before);
				return TidingsCommandLine.OK;
			}
			out.printf("Audit log BROKEN%s: %s.%n%d entries before it checked%s.%n",
					(verification.brokenAt() != null) ? " at entry " + verification.brokenAt() : "",
					verification.broken(), verification.checked(), before);
			return TidingsCommandLine.RUN_FAILED;
		}

	}

	@Command(name = "export", mixinStandardHelpOptions = true,
			description = { "Writes the audit log as JSON lines (seq, occurredAt, user, action, target, detail, "
					+ "terms, hash), oldest first, for a SIEM. Search terms are personal data: the file is "
					+ "written owner-only." })
	static class Export implements TidingsSubcommand {

		private static final JsonMapper JSON = JsonMapper.builder().build();

		@Option(names = "--since", paramLabel = "<YYYY-MM-DD|instant>",
				description = "Only entries from that day (UTC) or moment (ISO-8601, e.g. 2026-12-01T08:00:00Z) on.")
		private @Nullable String since;

		@Option(names = "--output", paramLabel = "<file.jsonl>",
				description = "File to write (default: standard output).")
		private @Nullable Path output;

		@Override
		public int run(ApplicationContext context, PrintWriter out) {
			Instant from = since(this.since);
			AuditLog audit = context.getBean(AuditLog.class);
			if (this.output == null) {
				out.flush();
				Writer stdout = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
				write(audit, from, stdout);
				flush(stdout);
				recordExport(context, audit, from, "standard output");
				return TidingsCommandLine.OK;
			}
			try {
				if (Files.exists(this.output)) {
					OwnerOnly.restrictFile(this.output);
				}
				else {
					Files.createFile(this.output, OwnerOnly.file(this.output));
				}
				try (Writer file = Files.newBufferedWriter(this.output, StandardCharsets.UTF_8,
						StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
					long count = write(audit, from, file);
					out.printf("%d audit entries exported to %s%n", count, this.output);
				}
			}
			catch (IOException ex) {
				throw new InvalidInputException(this.output, "cannot be written: " + ex.getMessage());
			}
			recordExport(context, audit, from, this.output.toAbsolutePath().toString());
			return TidingsCommandLine.OK;
		}

		/**
		 * The export holds search terms: who took it, and where to, is recorded in turn.
		 */
		private static void recordExport(ApplicationContext context, AuditLog audit, Instant since, String to) {
			audit.record(CommandUser.of(context), "AUDIT_EXPORT", null, "entries since " + since + " to " + to);
		}

		private static long write(AuditLog audit, Instant since, Writer to) {
			long[] count = { 0 };
			audit.forEachSince(since, (entry) -> {
				Map<String, @Nullable Object> line = new LinkedHashMap<>();
				line.put("seq", entry.seq());
				line.put("occurredAt", entry.occurredAt().toString());
				line.put("user", entry.user());
				line.put("action", entry.action());
				line.put("target", entry.target());
				line.put("detail", entry.detail());
				line.put("terms", entry.terms());
				line.put("hash", entry.hash());
				try {
					to.write(JSON.writeValueAsString(line));
					to.write('\n');
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				count[0]++;
			});
			return count[0];
		}

		private static void flush(Writer writer) {
			try {
				writer.flush();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private static Instant since(@Nullable String value) {
			if (value == null || value.isBlank()) {
				return Instant.EPOCH;
			}
			try {
				return (value.strip().length() == 10)
						? LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant()
						: Instant.parse(value.strip());
			}
			catch (DateTimeParseException ex) {
				throw new InvalidInputException("--since " + value + " is neither a date (YYYY-MM-DD) nor a moment "
						+ "(ISO-8601, e.g. 2026-12-01T08:00:00Z)");
			}
		}

	}

}
