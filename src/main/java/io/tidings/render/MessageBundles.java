package io.tidings.render;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.ibm.icu.text.MessageFormat;

/**
 * The message bundles of a template folder:
 * {@code messages/messages_<language>.properties} (UTF-8, ICU MessageFormat patterns),
 * read once. A language is usable for a document only when its bundle has every key the
 * folder's templates use ({@code msg("key")}) and every key the engine itself formats
 * ({@link #ENGINE_KEYS}): a document is never half in one language and half in another.
 */
public final class MessageBundles {

	/** Folder of the bundles inside a template folder. */
	public static final String FOLDER = "messages";

	/**
	 * Keys the engine formats itself: the recipient line of the address block, from the
	 * customer's title and name.
	 */
	public static final Set<String> ENGINE_KEYS = Set.of("address.recipient");

	private static final Pattern FILE = Pattern.compile("messages_([a-z]{2,3}(?:-[A-Za-z0-9]+)*)\\.properties");

	private static final Pattern USE = Pattern.compile("msg\\(\\s*\"([A-Za-z0-9_.-]+)\"");

	private final Map<String, Messages> languages;

	private final Map<String, Map<String, String>> patterns;

	private final Set<String> usedKeys;

	private MessageBundles(Map<String, Map<String, String>> patterns, Set<String> usedKeys) {
		this.patterns = patterns;
		this.usedKeys = usedKeys;
		Map<String, Messages> all = new HashMap<>();
		patterns.forEach((language, bundle) -> all.put(language, new Messages(language, bundle)));
		this.languages = Map.copyOf(all);
	}

	/**
	 * Reads the bundles of a template folder; none when it has no {@value #FOLDER}
	 * folder.
	 */
	public static MessageBundles load(Path templatesRoot) {
		Map<String, Map<String, String>> patterns = new TreeMap<>();
		Path folder = templatesRoot.resolve(FOLDER);
		if (Files.isDirectory(folder)) {
			try (Stream<Path> files = Files.list(folder)) {
				for (Path file : files.toList()) {
					Matcher name = FILE.matcher(file.getFileName().toString());
					if (name.matches()) {
						patterns.put(name.group(1), read(file));
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read the message bundles in " + folder, ex);
			}
		}
		return new MessageBundles(patterns, usedKeys(templatesRoot));
	}

	static String fileName(String language) {
		return "messages_" + language + ".properties";
	}

	private static Map<String, String> read(Path file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		Map<String, String> bundle = new HashMap<>();
		properties.stringPropertyNames().forEach(key -> bundle.put(key, properties.getProperty(key)));
		return bundle;
	}

	private static Set<String> usedKeys(Path templatesRoot) {
		Set<String> keys = new TreeSet<>(ENGINE_KEYS);
		if (!Files.isDirectory(templatesRoot)) {
			return keys;
		}
		try (Stream<Path> files = Files.walk(templatesRoot)) {
			for (Path file : files.filter(MessageBundles::isTemplate).toList()) {
				Matcher use = USE.matcher(Files.readString(file, StandardCharsets.UTF_8));
				while (use.find()) {
					keys.add(use.group(1));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the templates in " + templatesRoot, ex);
		}
		return keys;
	}

	private static boolean isTemplate(Path file) {
		String name = file.getFileName().toString();
		return Files.isRegularFile(file) && (name.endsWith(".ftl") || name.endsWith(".ftlh"));
	}

	/** The languages that have a bundle. */
	public Set<String> languages() {
		return new TreeSet<>(this.languages.keySet());
	}

	/** The keys the templates use, and the engine's own. */
	public Set<String> usedKeys() {
		return this.usedKeys;
	}

	/**
	 * Whether a language can render every document of the folder: its bundle has every
	 * key the templates use.
	 */
	public boolean covers(String language) {
		return this.patterns.containsKey(language) && missingKeys(language).isEmpty();
	}

	/**
	 * The keys the templates use that a language's bundle lacks (all, without a bundle).
	 */
	public Set<String> missingKeys(String language) {
		Map<String, String> bundle = this.patterns.getOrDefault(language, Map.of());
		return this.usedKeys.stream()
			.filter(key -> !bundle.containsKey(key))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/** The messages of a language, if it has a bundle. */
	public Optional<Messages> messages(String language) {
		return Optional.ofNullable(this.languages.get(language));
	}

	/**
	 * What is wrong with the bundles, against the bundle of a base language: keys the
	 * templates use that the base lacks, keys of the base another bundle lacks, patterns
	 * that do not parse. Empty when all is well.
	 */
	public List<String> problems(String baseLanguage) {
		List<String> problems = new ArrayList<>();
		Map<String, String> base = this.patterns.getOrDefault(baseLanguage, Map.of());
		for (String key : this.usedKeys) {
			if (!base.containsKey(key)) {
				problems.add(fileName(baseLanguage) + " lacks " + key + ", which the templates use");
			}
		}
		this.patterns.forEach((language, bundle) -> new TreeSet<>(base.keySet()).stream()
			.filter(key -> !bundle.containsKey(key))
			.forEach(key -> problems.add(fileName(language) + " lacks " + key)));
		problems.addAll(unparsable());
		return problems;
	}

	/** The patterns of any bundle that do not parse, each with its file and key. */
	public List<String> unparsable() {
		List<String> problems = new ArrayList<>();
		new TreeMap<>(this.patterns).forEach((language, bundle) -> new TreeMap<>(bundle).forEach((key, pattern) -> {
			try {
				new MessageFormat(pattern);
			}
			catch (IllegalArgumentException ex) {
				problems.add(fileName(language) + " " + key + " does not parse: " + ex.getMessage());
			}
		}));
		return problems;
	}

}
