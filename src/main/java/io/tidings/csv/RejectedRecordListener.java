package io.tidings.csv;

import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.FlatFileParseException;

/**
 * Writes every skipped input record to the reject file, with its line, field and reason.
 */
public class RejectedRecordListener implements SkipListener<Object, Object> {

	private final FlatFileItemWriter<RejectedRecord> rejects;

	public RejectedRecordListener(FlatFileItemWriter<RejectedRecord> rejects) {
		this.rejects = rejects;
	}

	@Override
	public void onSkipInRead(Throwable failure) {
		if (failure instanceof FlatFileParseException parse) {
			InvalidRecordException invalid = (parse.getCause() instanceof InvalidRecordException cause) ? cause : null;
			write(new RejectedRecord(parse.getLineNumber(), (invalid != null) ? invalid.field() : null,
					(invalid != null) ? invalid.reason() : reason(parse), parse.getInput()));
		}
	}

	@Override
	public void onSkipInProcess(Object item, Throwable failure) {
		if (failure instanceof InvalidRecordException invalid) {
			if (item instanceof SourceRecord source) {
				write(new RejectedRecord(invalid.line(), invalid.field(),
						source.place(invalid.field()) + invalid.reason(), source.record()));
			}
			else {
				write(new RejectedRecord(invalid.line(), invalid.field(), invalid.reason(), String.valueOf(item)));
			}
		}
	}

	/**
	 * Why the reader could not read a record: the cause, or the reader's own message
	 * (such as a quoted field still open at the end of the file).
	 */
	private static String reason(FlatFileParseException parse) {
		return (parse.getCause() != null) ? String.valueOf(parse.getCause()) : String.valueOf(parse.getMessage());
	}

	private void write(RejectedRecord reject) {
		try {
			this.rejects.write(Chunk.of(reject));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot write the reject file", ex);
		}
	}

}
