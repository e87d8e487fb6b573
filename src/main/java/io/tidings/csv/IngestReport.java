package io.tidings.csv;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * What ingesting a file did.
 *
 * @param completed whether it ran to its end
 * @param alreadyIngested whether this content had been ingested before
 * @param failure why it stopped
 * @param records records read
 * @param accepted valid records (each recorded once; repeats change nothing)
 * @param rejected records rejected
 * @param rejectFile the reject file, when there is one
 */
public record IngestReport(boolean completed, boolean alreadyIngested, @Nullable String failure, long records,
		long accepted, long rejected, @Nullable Path rejectFile) {

}
