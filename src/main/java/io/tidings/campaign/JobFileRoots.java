package io.tidings.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.TidingsHome;
import io.tidings.YamlFiles;

import org.springframework.stereotype.Component;

/**
 * Where the files a job file names (template folder, offers, inputs) may be: inside the
 * allowed roots ({@code tidings.jobs.allowed-roots}; by default the job file's project
 * folder, the one holding {@code jobs/}, and the home), and never in the secrets or
 * database folders. Symbolic links are resolved before the check. Without it, a job file
 * could make any file the process can read, such as the link-signing key, into the text
 * of a message or a proof.
 */
@Component
public class JobFileRoots {

	private final List<Path> configured;

	private final Path home;

	private final List<Path> forbidden;

	JobFileRoots(JobFileSettings settings, TidingsHome home) {
		this.configured = (settings.allowedRoots() != null) ? settings.allowedRoots() : List.of();
		this.home = home.home();
		this.forbidden = List.of(home.secrets(), home.home().resolve("db"));
	}

	/**
	 * Checks that every file a job file names is inside the allowed roots.
	 * @return the definition
	 * @throws InvalidInputException naming the job file, the line, the key and the reason
	 */
	public CampaignDefinition confine(CampaignDefinition definition) {
		Path file = definition.file();
		List<Path> roots = roots(file);
		List<Path> secret = this.forbidden.stream().map(JobFileRoots::real).toList();
		confine(file, roots, secret, "templates.folder", definition.templates().folder());
		confine(file, roots, secret, "offers", definition.offersFile());
		CampaignDefinition.Inputs inputs = definition.inputs();
		if (inputs != null) {
			confine(file, roots, secret, "inputs.customers", inputs.customers());
			confine(file, roots, secret, "inputs.customers-mapping", inputs.customersMapping());
			confine(file, roots, secret, "inputs.transactions", inputs.transactions());
		}
		return definition;
	}

	private List<Path> roots(Path jobFile) {
		List<Path> roots = new ArrayList<>();
		if (this.configured.isEmpty()) {
			roots.add(projectFolder(jobFile));
			roots.add(this.home);
		}
		else {
			roots.addAll(this.configured);
		}
		return roots.stream().map(JobFileRoots::real).toList();
	}

	/** The folder holding {@code jobs/}, or the job file's own folder elsewhere. */
	static Path projectFolder(Path jobFile) {
		Path folder = jobFile.toAbsolutePath().normalize().getParent();
		Path name = folder.getFileName();
		return (name != null && name.toString().equals("jobs") && folder.getParent() != null) ? folder.getParent()
				: folder;
	}

	private static void confine(Path file, List<Path> roots, List<Path> forbidden, String key, @Nullable Path path) {
		if (path == null) {
			return;
		}
		Path real;
		try {
			real = path.toRealPath();
		}
		catch (IOException ex) {
			throw invalid(file, key, path + " cannot be read");
		}
		for (Path folder : forbidden) {
			if (real.startsWith(folder)) {
				throw invalid(file, key, path + " is in " + folder + ", which job files may not name");
			}
		}
		if (roots.stream().noneMatch(real::startsWith)) {
			throw invalid(file, key,
					path + ((real.equals(path)) ? "" : " (" + real + ")")
							+ " is outside the folders job files may name ("
							+ roots.stream().map(Path::toString).collect(Collectors.joining(", "))
							+ "); tidings.jobs.allowed-roots sets them");
		}
	}

	/** The real path of a folder, or its absolute path while it does not exist. */
	private static Path real(Path folder) {
		Path absolute = folder.toAbsolutePath().normalize();
		try {
			return Files.exists(absolute) ? absolute.toRealPath() : absolute;
		}
		catch (IOException ex) {
			return absolute;
		}
	}

	private static InvalidInputException invalid(Path file, String key, String reason) {
		return new InvalidInputException(file, YamlFiles.lineOf(file, key), key, reason);
	}

}
