package io.tidings.offer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.YamlFiles;

/**
 * The {@code candidates} and {@code gradient-boosting} keys of a model file, checked.
 */
final class ModelFileCandidates {

	private ModelFileCandidates() {
	}

	static List<ModelKind> candidates(Path file, @Nullable List<String> names) {
		if (names == null) {
			return List.of(ModelKind.LOGISTIC);
		}
		List<ModelKind> kinds = new ArrayList<>();
		for (String name : names) {
			ModelKind kind = ModelKind.of(String.valueOf(name))
				.orElseThrow(() -> refused(file, "candidates", "unknown model kind '" + name + "'; known kinds: "
						+ Arrays.stream(ModelKind.values()).map(ModelKind::label).collect(Collectors.joining(", "))));
			if (kinds.contains(kind)) {
				throw refused(file, "candidates", "'" + name + "' is named twice");
			}
			kinds.add(kind);
		}
		if (kinds.isEmpty()) {
			throw refused(file, "candidates", "name at least one model kind, e.g. [logistic, gradient-boosting]");
		}
		return kinds;
	}

	static BoostingSettings boosting(Path file, @Nullable BoostingFile parsed) {
		BoostingSettings defaults = BoostingSettings.defaults();
		if (parsed == null) {
			return defaults;
		}
		int trees = within(file, "trees", parsed.trees(), defaults.trees(), 1, 5000);
		int depth = within(file, "depth", parsed.depth(), defaults.depth(), 1, 12);
		int rounds = within(file, "early-stopping-rounds", parsed.earlyStoppingRounds(), defaults.earlyStoppingRounds(),
				1, 1000);
		double rate = (parsed.learningRate() != null) ? parsed.learningRate() : defaults.learningRate();
		if (!(rate > 0 && rate <= 1)) {
			throw refused(file, "gradient-boosting.learning-rate", "must be greater than 0 and at most 1");
		}
		return new BoostingSettings(trees, depth, rate, rounds);
	}

	private static int within(Path file, String key, @Nullable Integer value, int fallback, int min, int max) {
		if (value == null) {
			return fallback;
		}
		if (value < min || value > max) {
			throw refused(file, "gradient-boosting." + key, "must be between " + min + " and " + max);
		}
		return value;
	}

	private static InvalidInputException refused(Path file, String key, String problem) {
		return new InvalidInputException(file, YamlFiles.lineOf(file, key), key, problem);
	}

	record BoostingFile(@Nullable Integer trees, @Nullable Integer depth, @Nullable Double learningRate,
			@Nullable Integer earlyStoppingRounds) {
	}

}
