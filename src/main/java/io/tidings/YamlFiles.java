package io.tidings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the YAML files users write (job files, offers, mappings) into records with
 * kebab-case keys, strictly: an unknown key or a value of the wrong type is an
 * {@link InvalidInputException} naming the file, line and key. A file larger than
 * {@code tidings.yaml.max-file-size} is refused before it is parsed, and the parser keeps
 * to the same size and to few aliases, so that no file costs minutes of CPU.
 */
public final class YamlFiles {

	/** The default of {@code tidings.yaml.max-file-size}: 1 MiB. */
	public static final long DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

	private static final int MAX_ALIASES = 50;

	private static volatile Limited yaml = new Limited(DEFAULT_MAX_FILE_SIZE);

	private YamlFiles() {
	}

	/**
	 * Sets the size of the largest YAML file read from now on
	 * ({@code tidings.yaml.max-file-size}).
	 */
	public static void maxFileSize(long bytes) {
		if (bytes < 1024 || bytes > 64 * 1024 * 1024) {
			// the parser holds a whole file in one buffer
			throw new IllegalArgumentException(
					"tidings.yaml.max-file-size must be between 1KB and 64MB, not " + bytes + "B");
		}
		if (bytes != yaml.maxBytes()) {
			yaml = new Limited(bytes);
		}
	}

	/**
	 * Reads a YAML file into a record: the file is parsed once into a tree, checked
	 * against its JSON Schema, then bound.
	 * @param schema the file name of its schema in {@code docs/schemas}, e.g.
	 * {@code job.schema.json}
	 * @throws InvalidInputException naming the file, line and key of each problem
	 */
	public static <T> T read(Path file, Class<T> type, String schema) {
		Limited limited = yaml;
		String text;
		try (InputStream in = Files.newInputStream(file)) {
			byte[] bytes = in.readNBytes((int) limited.maxBytes() + 1);
			if (bytes.length > limited.maxBytes()) {
				throw new InvalidInputException(file, "the file is larger than " + size(limited.maxBytes())
						+ ", the most a YAML file may hold (tidings.yaml.max-file-size)");
			}
			text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (IOException ex) {
			throw new InvalidInputException(file, "cannot be read: " + ex.getMessage());
		}
		if (text.isBlank()) {
			throw new InvalidInputException(file, "the file is empty");
		}
		JsonNode tree;
		try {
			tree = limited.mapper().readTree(text);
		}
		catch (JacksonException ex) {
			if (ex.getCause() instanceof MarkedYamlEngineException syntax && syntax.getProblemMark().isPresent()) {
				String path = parsing(ex);
				throw new InvalidInputException(file, syntax.getProblemMark().get().getLine() + 1L,
						path.isEmpty() ? null : path, "not valid YAML: " + syntax.getProblem());
			}
			throw new InvalidInputException(file, line(file, ex), null, ex.getOriginalMessage());
		}
		if (tree == null || tree.isMissingNode() || tree.isNull()) {
			throw new InvalidInputException(file, "the file is empty");
		}
		YamlSchemas.check(file, tree, schema, new Lines(text));
		try {
			return limited.mapper().treeToValue(tree, type);
		}
		catch (UnrecognizedPropertyException ex) {
			throw new InvalidInputException(file, line(file, ex), path(ex),
					"unknown key; known keys here: " + ex.getKnownPropertyIds()
						.stream()
						.map(String::valueOf)
						.sorted()
						.collect(Collectors.joining(", ")));
		}
		catch (MismatchedInputException ex) {
			String path = path(ex);
			throw new InvalidInputException(file, line(file, ex), path.isEmpty() ? null : path,
					"expected " + expected(ex.getTargetType()) + ", found " + YamlSchemas.found(at(tree, ex)));
		}
		catch (JacksonException ex) {
			String path = path(ex);
			throw new InvalidInputException(file, line(file, ex), path.isEmpty() ? null : path,
					ex.getOriginalMessage());
		}
	}

	/**
	 * The line where a key path ({@code schedule.cron}, {@code offers[2].eligibility}) is
	 * in a YAML file, 0 when it is not there: for errors found after parsing, such as a
	 * bad cron expression.
	 */
	public static long lineOf(Path file, String dottedKey) {
		List<Object> path = new ArrayList<>();
		try {
			for (String segment : dottedKey.split("\\.")) {
				int bracket = segment.indexOf('[');
				String key = (bracket >= 0) ? segment.substring(0, bracket) : segment;
				if (!key.isEmpty()) {
					path.add(key);
				}
				for (int open = bracket; open >= 0; open = segment.indexOf('[', open + 1)) {
					path.add(Integer.parseInt(segment.substring(open + 1, segment.indexOf(']', open))));
				}
			}
		}
		catch (RuntimeException ex) {
			return 0;
		}
		try (var reader = Files.newBufferedReader(file)) {
			return line(new Compose(yaml.settings(Integer.MAX_VALUE)).composeReader(reader).orElse(null), path);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * The line of a key or list item, else of the deepest one on its path that is there;
	 * 0 when none is.
	 */
	private static long line(@Nullable Node root, List<Object> path) {
		Node node = root;
		long line = 0;
		for (Object element : path) {
			if (element instanceof Integer index) {
				if (!(node instanceof SequenceNode sequence) || index >= sequence.getValue().size()) {
					return line;
				}
				node = sequence.getValue().get(index);
				line = line(node);
			}
			else {
				if (!(node instanceof MappingNode mapping)) {
					return line;
				}
				NodeTuple match = mapping.getValue()
					.stream()
					.filter(tuple -> tuple.getKeyNode() instanceof ScalarNode scalar
							&& scalar.getValue().equals(element))
					.findFirst()
					.orElse(null);
				if (match == null) {
					return line;
				}
				line = line(match.getKeyNode());
				node = match.getValueNode();
			}
		}
		return line;
	}

	/**
	 * The lines of a text's keys, for the errors its tree has: composed once, when the
	 * first is asked for. Composing makes a graph, it does not expand aliases: many of
	 * them cost nothing.
	 */
	private static final class Lines implements ToLongFunction<List<Object>> {

		private final String text;

		private @Nullable Node root;

		Lines(String text) {
			this.text = text;
		}

		@Override
		public long applyAsLong(List<Object> path) {
			try {
				if (this.root == null) {
					this.root = new Compose(yaml.settings(Integer.MAX_VALUE)).composeString(this.text).orElse(null);
				}
			}
			catch (RuntimeException ex) {
				return 0;
			}
			return (path.isEmpty() && this.root != null) ? line(this.root) : line(this.root, path);
		}

	}

	private static long line(Node node) {
		return node.getStartMark().map(mark -> mark.getLine() + 1L).orElse(0L);
	}

	private static String size(long bytes) {
		if (bytes % (1024 * 1024) == 0) {
			return (bytes / (1024 * 1024)) + " MiB";
		}
		return (bytes % 1024 == 0) ? (bytes / 1024) + " KiB" : bytes + " bytes";
	}

	/**
	 * The mapper for files of at most so many bytes: no string, document or code-point
	 * count beyond that, few aliases, shallow nesting.
	 */
	private record Limited(long maxBytes, YAMLMapper mapper) {

		Limited(long maxBytes) {
			this(maxBytes,
					YAMLMapper
						.builder(YAMLFactory.builder()
							.loadSettings(LoadSettings.builder()
								.setCodePointLimit((int) maxBytes)
								.setMaxAliasesForCollections(MAX_ALIASES)
								.setAllowRecursiveKeys(false)
								.build())
							.streamReadConstraints(StreamReadConstraints.builder()
								.maxDocumentLength(maxBytes)
								.maxStringLength((int) maxBytes)
								.maxNestingDepth(100)
								.build())
							.build())
						.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
						.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
						.propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
						.build());
		}

		LoadSettings settings(int maxAliases) {
			return settings(this.maxBytes, maxAliases);
		}

		/**
		 * The whole file in one buffer: the parser's reader, filling its buffer a
		 * kilobyte at a time, copies all it holds each time, which a long value makes
		 * quadratic (a 1 MB value: 14 s; 16 MB: minutes).
		 */
		private static LoadSettings settings(long maxBytes, int maxAliases) {
			return LoadSettings.builder()
				.setBufferSize((int) maxBytes + 1)
				.setCodePointLimit((int) maxBytes)
				.setMaxAliasesForCollections(maxAliases)
				.setAllowRecursiveKeys(false)
				.build();
		}

	}

	/**
	 * Where the offending key is; Jackson's own location can be the end of the enclosing
	 * object, since records are bound only once all their keys are read.
	 */
	private static long line(Path file, JacksonException ex) {
		String path = path(ex);
		long line = path.isEmpty() ? 0 : lineOf(file, path);
		if (line > 0) {
			return line;
		}
		return (ex.getLocation() != null) ? ex.getLocation().getLineNr() : 0;
	}

	/**
	 * What a user writes for a type, rather than its Java name.
	 */
	private static String expected(@Nullable Class<?> type) {
		if (type == null) {
			return "another kind of value";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "a whole number";
		}
		if (Number.class.isAssignableFrom(type) || type == double.class) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == String.class) {
			return "text";
		}
		if (type == LocalDate.class) {
			return "a date (YYYY-MM-DD)";
		}
		if (type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants())
				.map(constant -> constant.toString().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(", "));
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "a list";
		}
		return "keys with values";
	}

	/** The value a binding error is about, in the tree it was bound from. */
	private static JsonNode at(JsonNode tree, JacksonException ex) {
		JsonNode node = tree;
		for (JacksonException.Reference reference : ex.getPath()) {
			node = (reference.getPropertyName() != null) ? node.path(reference.getPropertyName())
					: node.path(reference.getIndex());
		}
		return node;
	}

	/**
	 * The key whose value the parser was in when it stopped: the enclosing one, since the
	 * last key read can be a line before the error.
	 */
	private static String parsing(JacksonException ex) {
		if (ex instanceof StreamReadException read && read.processor() != null
				&& read.processor().streamReadContext().getParent() != null) {
			return read.processor()
				.streamReadContext()
				.getParent()
				.pathAsPointer()
				.toString()
				.replaceFirst("^/", "")
				.replaceAll("/(\\d+)(?=/|$)", "[$1]")
				.replace('/', '.');
		}
		return "";
	}

	private static String path(JacksonException ex) {
		return ex.getPath()
			.stream()
			.map(reference -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: "[" + reference.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
	}

}
