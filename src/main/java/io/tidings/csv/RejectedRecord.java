package io.tidings.csv;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemWriterBuilder;
import org.springframework.core.io.FileSystemResource;

/**
 * A record of an input file that was not imported, as written to the reject file next to
 * the input ({@code <name>.rejects.csv}: line, field, reason, record).
 *
 * @param line line number in the input
 * @param field the offending field, if one
 * @param reason why it was rejected
 * @param record the record as it was in the input
 */
public record RejectedRecord(long line, @Nullable String field, String reason, String record) {

	public static Path rejectFile(Path input) {
		return sibling(input, "rejects");
	}

	public static Path warningFile(Path input) {
		return sibling(input, "warnings");
	}

	private static Path sibling(Path input, String suffix) {
		String name = input.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String base = (dot > 0) ? name.substring(0, dot) : name;
		return input.resolveSibling(base + "." + suffix + ".csv");
	}

	/**
	 * A transactional CSV writer: lines of a chunk are written when it commits, and a
	 * restarted step truncates what a failed chunk left behind.
	 */
	public static <T> FlatFileItemWriter<T> writer(String name, Path file, String header,
			java.util.function.Function<T, String> toLine) {
		return new FlatFileItemWriterBuilder<T>().name(name)
			.resource(new FileSystemResource(file))
			.encoding("UTF-8")
			.headerCallback(writer -> writer.write(header))
			.lineAggregator(toLine::apply)
			.shouldDeleteIfEmpty(true)
			.transactional(true)
			.build();
	}

	public static FlatFileItemWriter<RejectedRecord> writer(String name, Path input) {
		return writer(name, rejectFile(input), "line,field,reason,record",
				reject -> CsvCells.line(reject.line(), reject.field(), reject.reason(), reject.record()));
	}

}
