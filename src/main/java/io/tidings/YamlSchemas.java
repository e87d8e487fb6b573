package io.tidings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.path.NodePath;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.jspecify.annotations.Nullable;

/**
 * The JSON Schemas of the YAML files users write ({@code docs/schemas}, on the classpath
 * under {@code schemas/}), and their errors in a user's words: each names the key path
 * and the line of the value at fault.
 */
final class YamlSchemas {

	/** Errors listed in one message; a file with more is usually of another kind. */
	private static final int MAX_ERRORS = 10;

	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDialect(Dialect.builder(Dialects.getDraft202012())
		// the editors' own keyword for a pattern's message (VS Code,
		// yaml-language-server)
		.keyword(new AnnotationKeyword("patternErrorMessage"))
		.build());

	private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

	private static final Map<String, JsonNode> DOCUMENTS = new ConcurrentHashMap<>();

	private YamlSchemas() {
	}

	/**
	 * Checks a tree against a schema.
	 * @param schema the schema's file name, e.g. {@code job.schema.json}
	 * @param lines the line of a path of keys and list indexes in the file
	 * @throws InvalidInputException listing what breaks the schema
	 */
	static void check(Path file, JsonNode tree, String schema, ToLongFunction<List<Object>> lines) {
		List<Error> errors = SCHEMAS.computeIfAbsent(schema, YamlSchemas::load).validate(tree);
		if (errors.isEmpty()) {
			return;
		}
		List<Problem> problems = errors.stream()
			.map(error -> problem(error, lines))
			.distinct()
			.sorted(Comparator.comparingInt(Problem::rank).thenComparingLong(Problem::line))
			.toList();
		List<String> messages = problems.stream()
			.limit(MAX_ERRORS)
			.map(problem -> new InvalidInputException(file, problem.line(),
					problem.key().isEmpty() ? null : problem.key(), problem.reason())
				.getMessage())
			.collect(Collectors.toCollection(ArrayList::new));
		if (problems.size() > MAX_ERRORS) {
			messages.add("... and " + (problems.size() - MAX_ERRORS) + " more");
		}
		throw new InvalidInputException(String.join("\n", messages));
	}

	private static Schema load(String name) {
		return REGISTRY.getSchema(SchemaLocation.of("classpath:schemas/" + name));
	}

	/**
	 * An error in a user's words. Unknown keys come first: a misspelt key is also a
	 * missing one, which says less.
	 */
	private static Problem problem(Error error, ToLongFunction<List<Object>> lines) {
		List<Object> path = elements(error.getInstanceLocation());
		JsonNode instance = error.getInstanceNode();
		JsonNode rule = error.getSchemaNode();
		return switch (error.getKeyword()) {
			case "additionalProperties" -> named(path, error.getProperty(), 0, lines,
					"unknown key; known keys here: " + known(sibling(error, "properties")));
			case "propertyNames" -> named(path, error.getProperty(), 0, lines, unknownName(error));
			case "required" -> {
				List<Object> key = append(path, error.getProperty());
				yield new Problem(2, lines.applyAsLong(path), dotted(key), "required key is missing");
			}
			case "type" -> at(path, lines, "expected " + kinds(rule) + ", found " + found(instance));
			case "enum" -> at(path, lines, "must be one of " + known(rule) + ", found " + found(instance));
			case "pattern" -> at(path, lines, found(instance) + " " + patternMessage(error));
			case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" ->
				at(path, lines, range(sibling(error, null)) + ", found " + found(instance));
			default -> at(path, lines, message(error));
		};
	}

	private static Problem named(List<Object> path, @Nullable String name, int rank, ToLongFunction<List<Object>> lines,
			String reason) {
		List<Object> key = append(path, name);
		return new Problem(rank, lines.applyAsLong(key), dotted(key), reason);
	}

	private static Problem at(List<Object> path, ToLongFunction<List<Object>> lines, String reason) {
		return new Problem(1, lines.applyAsLong(path), dotted(path), reason);
	}

	private static String unknownName(Error error) {
		JsonNode rule = resolve(error, error.getSchemaNode());
		if (rule.has("enum")) {
			return "unknown key; known keys here: " + known(rule.get("enum"));
		}
		if (rule.has("patternErrorMessage")) {
			return rule.get("patternErrorMessage").asString();
		}
		return message(error);
	}

	private static String patternMessage(Error error) {
		JsonNode rule = sibling(error, null);
		return rule.has("patternErrorMessage") ? rule.get("patternErrorMessage").asString()
				: "does not match " + error.getSchemaNode().asString();
	}

	private static String range(JsonNode rule) {
		String low = rule.has("minimum") ? rule.get("minimum").asString() : null;
		String high = rule.has("maximum") ? rule.get("maximum").asString() : null;
		if (rule.has("exclusiveMinimum")) {
			return "must be more than " + rule.get("exclusiveMinimum").asString()
					+ ((high != null) ? " and at most " + high : "");
		}
		if (low != null && high != null) {
			return "must be between " + low + " and " + high;
		}
		return (low != null) ? "must be at least " + low : "must be at most " + high;
	}

	/** The validator's own message, without the path it starts with. */
	private static String message(Error error) {
		String message = error.getMessage();
		int colon = message.indexOf(": ");
		return (message.startsWith("/") && colon > 0) ? message.substring(colon + 2) : message;
	}

	/**
	 * A keyword of the schema object holding the keyword that failed, or that object when
	 * {@code name} is null.
	 */
	private static JsonNode sibling(Error error, @Nullable String name) {
		SchemaLocation location = error.getSchemaLocation();
		List<Object> pointer = elements(location.getFragment());
		JsonNode node = document(location.getAbsoluteIri().toString());
		for (Object element : pointer.subList(0, Math.max(0, pointer.size() - 1))) {
			node = (element instanceof Integer index) ? node.path(index) : node.path(element.toString());
		}
		return (name != null) ? node.path(name) : node;
	}

	/** A rule, or the definition it refers to ({@code $ref: "#/$defs/field"}). */
	private static JsonNode resolve(Error error, JsonNode rule) {
		String ref = rule.path("$ref").asString("");
		if (!ref.startsWith("#/")) {
			return rule;
		}
		return document(error.getSchemaLocation().getAbsoluteIri().toString()).at(ref.substring(1));
	}

	private static JsonNode document(String iri) {
		return DOCUMENTS.computeIfAbsent(iri, location -> {
			String resource = location.substring(location.indexOf(':') + 1);
			try (InputStream in = YamlSchemas.class.getClassLoader().getResourceAsStream(resource)) {
				if (in == null) {
					throw new IllegalStateException("no schema " + resource + " on the classpath");
				}
				return JsonMapper.shared().readTree(in);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private static String known(JsonNode namesOrValues) {
		List<String> names = new ArrayList<>();
		if (namesOrValues.isObject()) {
			names.addAll(namesOrValues.propertyNames());
			names.sort(null);
		}
		else {
			namesOrValues.forEach(value -> names.add(value.asString()));
		}
		return String.join(", ", names);
	}

	/** What a user writes for a JSON type, rather than its name. */
	private static String kinds(JsonNode types) {
		List<String> kinds = new ArrayList<>();
		if (types.isArray()) {
			types.forEach(type -> kinds.add(kind(type.asString())));
		}
		else {
			kinds.add(kind(types.asString()));
		}
		return String.join(" or ", kinds);
	}

	private static String kind(String type) {
		return switch (type) {
			case "integer" -> "a whole number";
			case "number" -> "a number";
			case "boolean" -> "true or false";
			case "string" -> "text";
			case "array" -> "a list";
			case "object" -> "keys with values";
			default -> "nothing";
		};
	}

	/** What a user wrote: the value itself where it is short, else its kind. */
	static String found(@Nullable JsonNode value) {
		if (value == null || value.isMissingNode() || value.isNull()) {
			return "nothing";
		}
		if (value.isArray()) {
			return "a list";
		}
		if (value.isObject()) {
			return "keys with values";
		}
		if (value.isNumber() || value.isBoolean()) {
			return value.asString();
		}
		String text = value.asString();
		if (text.length() > 40) {
			text = text.substring(0, 40) + "...";
		}
		return "'" + text + "'";
	}

	private static List<Object> elements(NodePath path) {
		List<Object> elements = new ArrayList<>();
		for (int i = 0; i < path.getNameCount(); i++) {
			elements.add(path.getElement(i));
		}
		return elements;
	}

	private static List<Object> append(List<Object> path, @Nullable String name) {
		List<Object> key = new ArrayList<>(path);
		if (name != null) {
			key.add(name);
		}
		return key;
	}

	/** {@code offers[1].content.en} */
	static String dotted(List<Object> path) {
		StringBuilder key = new StringBuilder();
		for (Object element : path) {
			if (element instanceof Integer index) {
				key.append('[').append(index).append(']');
			}
			else {
				key.append(key.isEmpty() ? "" : ".").append(element);
			}
		}
		return key.toString();
	}

	/**
	 * @param rank unknown keys first, missing keys last
	 */
	private record Problem(int rank, long line, String key, String reason) {
	}

}
