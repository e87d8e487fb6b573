package io.tidings.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.campaign.CampaignDefinition;
import io.tidings.campaign.CampaignRunner;

import org.springframework.stereotype.Component;

/**
 * The job files of the jobs folder ({@code tidings.console.jobs}), read again each time:
 * one edited into an invalid state shows as invalid with the reason, and the others are
 * not affected.
 */
@Component
public class JobCatalog {

	private final Path folder;

	private final CampaignRunner runner;

	JobCatalog(JobCatalogSettings settings, CampaignRunner runner) {
		this.folder = settings.jobs().toAbsolutePath().normalize();
		this.runner = runner;
	}

	public Path folder() {
		return this.folder;
	}

	/**
	 * Every job file of the folder, by name.
	 */
	public List<JobFile> all() {
		if (!Files.isDirectory(this.folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(this.folder)) {
			return files.filter((file) -> file.getFileName().toString().matches(".+\\.ya?ml"))
				.filter(Files::isRegularFile)
				.sorted()
				.map(this::load)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the job files in " + this.folder, ex);
		}
	}

	/**
	 * The job file of that name in the folder (never a path outside it).
	 */
	public Optional<JobFile> find(String name) {
		if (!name.matches("[A-Za-z0-9._-]+\\.ya?ml") || name.startsWith(".")) {
			return Optional.empty();
		}
		Path file = this.folder.resolve(name);
		return Files.isRegularFile(file) ? Optional.of(load(file)) : Optional.empty();
	}

	private JobFile load(Path file) {
		try {
			return new JobFile(file.getFileName().toString(), file, this.runner.check(file), null);
		}
		catch (InvalidInputException ex) {
			return new JobFile(file.getFileName().toString(), file, null, ex.getMessage());
		}
		catch (RuntimeException ex) {
			return new JobFile(file.getFileName().toString(), file, null,
					(ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName());
		}
	}

	/**
	 * A job file: valid with its campaign, or invalid with the reason.
	 *
	 * @param name the file name, which identifies the job
	 * @param file the file
	 * @param definition the campaign, when the file is valid
	 * @param invalidReason why it is not, naming file, line and key
	 */
	public record JobFile(String name, Path file, @Nullable CampaignDefinition definition,
			@Nullable String invalidReason) {

		public boolean valid() {
			return this.definition != null;
		}

	}

}
