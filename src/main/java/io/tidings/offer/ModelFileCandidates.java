package io.tidings.offer;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.YamlFiles;

/**
 * The {@code candidates} and {@code gradient-boosting} keys of a model file, checked.
 */
final class ModelFileCandidates {

	private ModelFileCandidates() {
	}

	/**
	 * The kinds named: the model file's schema has already refused unknown and repeated
	 * ones.
	 */
	static List<ModelKind> candidates(Path file, @Nullable List<String> names) {
		if (names == null) {
			return List.of(ModelKind.LOGISTIC);
		}
		if (names.isEmpty()) {
			throw refused(file, "candidates", "name at least one model kind, e.g. [logistic, gradient-boosting]");
		}
		return names.stream().map((name) -> ModelKind.of(name).orElseThrow()).toList();
	}

	/**
	 * The settings given, defaults for the others: the schema has checked their ranges.
	 */
	static BoostingSettings boosting(@Nullable BoostingFile parsed) {
		BoostingSettings defaults = BoostingSettings.defaults();
		if (parsed == null) {
			return defaults;
		}
		return new BoostingSettings((parsed.trees() != null) ? parsed.trees() : defaults.trees(),
				(parsed.depth() != null) ? parsed.depth() : defaults.depth(),
				(parsed.learningRate() != null) ? parsed.learningRate() : defaults.learningRate(),
				(parsed.earlyStoppingRounds() != null) ? parsed.earlyStoppingRounds() : defaults.earlyStoppingRounds());
	}

	private static InvalidInputException refused(Path file, String key, String problem) {
		return new InvalidInputException(file, YamlFiles.lineOf(file, key), key, problem);
	}

	record BoostingFile(@Nullable Integer trees, @Nullable Integer depth, @Nullable Double learningRate,
			@Nullable Integer earlyStoppingRounds) {
	}

}
