package io.tidings.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import io.tidings.OwnerOnly;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
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

	/**
	 * The reject file of an input: next to it, or in the fallback folder when the input's
	 * folder cannot be written (a read-only share).
	 */
	public static Path rejectFile(Path input, Path fallbackFolder) {
		return sibling(input, "rejects", fallbackFolder);
	}

	/**
	 * The warning file of an input, beside its reject file.
	 */
	public static Path warningFile(Path input, Path fallbackFolder) {
		return sibling(input, "warnings", fallbackFolder);
	}

	private static Path sibling(Path input, String suffix, Path fallbackFolder) {
		String name = input.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String file = ((dot > 0) ? name.substring(0, dot) : name) + "." + suffix + ".csv";
		Path folder = input.toAbsolutePath().getParent();
		if (folder != null && Files.isWritable(folder)) {
			return folder.resolve(file);
		}
		try {
			OwnerOnly.folders(fallbackFolder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + fallbackFolder, ex);
		}
		return fallbackFolder.resolve(file);
	}

	/**
	 * A transactional CSV writer: lines of a chunk are written when it commits, and a
	 * restarted step truncates what a failed chunk left behind. The file is owner-only
	 * (600) before its first record is written, whatever the umask: it holds records as
	 * they were in the input, personal data included.
	 */
	public static <T> FlatFileItemWriter<T> writer(String name, Path file, String header,
			java.util.function.Function<T, String> toLine) {
		FlatFileItemWriter<T> writer = new FlatFileItemWriter<>(new FileSystemResource(file), toLine::apply) {

			@Override
			public void open(ExecutionContext executionContext) {
				super.open(executionContext);
				try {
					OwnerOnly.restrictFile(file);
				}
				catch (IOException ex) {
					throw new ItemStreamException("Cannot make " + file + " owner-only", ex);
				}
			}

		};
		writer.setName(name);
		writer.setEncoding("UTF-8");
		writer.setHeaderCallback(out -> out.write(header));
		writer.setShouldDeleteIfEmpty(true);
		writer.setTransactional(true);
		return writer;
	}

	public static FlatFileItemWriter<RejectedRecord> writer(String name, Path input, Path fallbackFolder) {
		return writer(name, rejectFile(input, fallbackFolder), "line,field,reason,record",
				reject -> CsvCells.line(reject.line(), reject.field(), reject.reason(), reject.record()));
	}

}
