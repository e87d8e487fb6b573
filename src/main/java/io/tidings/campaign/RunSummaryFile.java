package io.tidings.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.tidings.archive.AtomicFiles;
import io.tidings.outbox.Channel;
import io.tidings.outbox.CommunicationCount;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.RunTally;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * {@code run.json} in a run's output folder: what the run did, for the scheduler or the
 * monitoring that started it ({@code docs/run-json.md} describes each field). Written at
 * the end of every run, a failed or stopped one too, atomically and readable by the owner
 * only; the counts of communications come from the outbox ledger, the stage times from
 * the job repository.
 */
@Component
class RunSummaryFile {

	/** The file's name in the run's output folder. */
	static final String NAME = "run.json";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final JobRepository jobRepository;

	private final AtomicFiles files;

	RunSummaryFile(JobRepository jobRepository, AtomicFiles files) {
		this.jobRepository = jobRepository;
		this.files = files;
	}

	/**
	 * Writes the run's {@code run.json}.
	 * @return what was written
	 */
	String write(RunReport report, JobExecution execution, LocalDate asOf) {
		String json = JSON.writeValueAsString(summary(report, execution, asOf)) + "\n";
		try {
			this.files.write(report.outputFolder().resolve(NAME), json.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + report.outputFolder().resolve(NAME), ex);
		}
		return json;
	}

	private Summary summary(RunReport report, JobExecution execution, LocalDate asOf) {
		Map<String, Map<String, Long>> communications = new TreeMap<>();
		long total = 0;
		long failed = 0;
		for (RunTally tally : report.tallies()) {
			communications.computeIfAbsent(tally.channel().folder(), (channel) -> new TreeMap<>())
				.merge(tally.state().name(), tally.count(), Long::sum);
			total += tally.count();
			failed += (tally.state() == CommunicationState.FAILED) ? tally.count() : 0;
		}
		long inDoubt = report.counts()
			.stream()
			.filter((count) -> "in-doubt".equals(count.reasonCode()))
			.mapToLong(CommunicationCount::count)
			.sum();
		Pending pending = new Pending(report.pending().total(), report.pending().due(),
				(report.pending().nextDue() != null) ? report.pending().nextDue().toString() : null);
		return new Summary(report.run().campaign(), report.run().runKey(), asOf.toString(), report.dryRun(),
				execution.getJobInstance().getJobName(), execution.getId(), execution.getStatus().name(),
				report.completed() ? 0 : 1, report.alreadyComplete(), report.resumed(), report.deliveryPass(),
				report.failure(), time(execution.getStartTime()), time(execution.getEndTime()),
				seconds(execution.getStartTime(), execution.getEndTime()), report.audience(), total, communications,
				inDoubt, failed, pending, stages(execution), outputs(report.outputFolder()), report.warnings());
	}

	/**
	 * The last execution of each stage in the job instance: a resumed run shows the
	 * stages that had completed before the stop too.
	 */
	private List<Stage> stages(JobExecution execution) {
		Map<String, StepExecution> last = new LinkedHashMap<>();
		this.jobRepository.getJobExecutions(execution.getJobInstance())
			.stream()
			.sorted(Comparator.comparing(JobExecution::getId))
			.flatMap((each) -> each.getStepExecutions().stream())
			.sorted(Comparator
				.comparing(
						(StepExecution step) -> (step.getStartTime() != null) ? step.getStartTime() : LocalDateTime.MAX)
				.thenComparing(StepExecution::getId))
			.forEach((step) -> {
				last.remove(step.getStepName());
				last.put(step.getStepName(), step);
			});
		return last.values().stream().map(RunSummaryFile::stage).toList();
	}

	private static Stage stage(StepExecution step) {
		Double seconds = seconds(step.getStartTime(), step.getEndTime());
		Double rate = (seconds != null && seconds > 0) ? round(step.getWriteCount() / seconds) : null;
		return new Stage(step.getStepName(), step.getStatus().name(), time(step.getStartTime()),
				time(step.getEndTime()), seconds, step.getReadCount(), step.getWriteCount(), step.getSkipCount(),
				step.getFilterCount(), rate);
	}

	/**
	 * The run's output files, by path in its folder; the email folder holds a file per
	 * message, so it is counted, not listed.
	 */
	private static Outputs outputs(Path folder) {
		List<OutputFile> listed = new ArrayList<>();
		long messages = 0;
		long messageBytes = 0;
		if (Files.isDirectory(folder)) {
			Path email = folder.resolve(Channel.EMAIL.folder());
			try (Stream<Path> paths = Files.walk(folder)) {
				for (Path file : (Iterable<Path>) paths.filter(Files::isRegularFile).sorted()::iterator) {
					long bytes = Files.size(file);
					if (file.startsWith(email)) {
						messages++;
						messageBytes += bytes;
					}
					else if (!file.equals(folder.resolve(NAME))) {
						listed.add(new OutputFile(folder.relativize(file).toString().replace('\\', '/'), bytes));
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot list the outputs in " + folder, ex);
			}
		}
		return new Outputs(folder.toAbsolutePath().toString(), listed, new Count(messages, messageBytes));
	}

	private static @Nullable String time(@Nullable LocalDateTime time) {
		return (time != null) ? time.atZone(ZoneId.systemDefault()).toOffsetDateTime().toString() : null;
	}

	private static @Nullable Double seconds(@Nullable LocalDateTime start, @Nullable LocalDateTime end) {
		return (start != null && end != null) ? round(Duration.between(start, end).toMillis() / 1000.0) : null;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	record Summary(String campaign, String runKey, String asOf, boolean dryRun, String job, long jobExecutionId,
			String status, int exitCode, boolean alreadyComplete, boolean resumed, boolean deliveryPass,
			@Nullable String failure, @Nullable String startedAt, @Nullable String endedAt, @Nullable Double seconds,
			long audience, long communications, Map<String, Map<String, Long>> byChannel, long inDoubt, long failed,
			Pending pending, List<Stage> stages, Outputs outputs, List<String> warnings) {
	}

	record Pending(long total, long due, @Nullable String nextDue) {
	}

	record Stage(String name, String status, @Nullable String startedAt, @Nullable String endedAt,
			@Nullable Double seconds, long read, long written, long skipped, long filtered,
			@Nullable Double writtenPerSecond) {
	}

	record Outputs(String folder, List<OutputFile> files, Count emailMessages) {
	}

	record OutputFile(String path, long bytes) {
	}

	record Count(long files, long bytes) {
	}

}
