package io.tidings.render;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import freemarker.cache.FileTemplateLoader;
import freemarker.cache.TemplateLoader;
import org.jspecify.annotations.Nullable;

/**
 * Loads templates from one folder only (a name that leads outside it, by {@code ..}, an
 * absolute path or a symbolic link, is not found) and refuses the built-ins that turn
 * text into code or reach Java: {@code ?eval}, {@code ?interpret}, {@code ?new} and
 * {@code ?api}. A template using one is replaced by a {@code <#stop>} at the line of the
 * offence, so that each document that uses it fails with the template's name, the line
 * and the reason, as any other template error does, and the run goes on with the others.
 * <p>
 * The configuration disables {@code ?new} and {@code ?api} as well; refusing them here
 * too gives a clearer message and a second line of defence. Only FreeMarker tags and
 * interpolations are searched, never the static text, where "? new" is just prose.
 */
class SandboxedTemplateLoader implements TemplateLoader {

	private static final Pattern FORBIDDEN = Pattern.compile("\\?\\s*(eval|interpret|new|api)\\b");

	private final FileTemplateLoader files;

	SandboxedTemplateLoader(File folder) throws IOException {
		this.files = new FileTemplateLoader(folder, false);
	}

	@Override
	public @Nullable Object findTemplateSource(String name) throws IOException {
		try {
			return this.files.findTemplateSource(name);
		}
		catch (SecurityException ex) {
			// a symbolic link that leads out of the folder
			return null;
		}
	}

	@Override
	public long getLastModified(Object templateSource) {
		return this.files.getLastModified(templateSource);
	}

	@Override
	public Reader getReader(Object templateSource, String encoding) throws IOException {
		String source;
		try (Reader reader = this.files.getReader(templateSource, encoding)) {
			StringWriter text = new StringWriter();
			reader.transferTo(text);
			source = text.toString();
		}
		return new StringReader(sandboxed(source));
	}

	@Override
	public void closeTemplateSource(Object templateSource) throws IOException {
		this.files.closeTemplateSource(templateSource);
	}

	/**
	 * The source itself, or a template that stops at the line of the first forbidden
	 * built-in with the reason.
	 */
	static String sandboxed(String source) {
		for (int[] region : FtlRegions.of(source)) {
			Matcher matcher = FORBIDDEN.matcher(source).region(region[0], region[1]);
			if (matcher.find()) {
				int line = 1 + (int) source.substring(0, matcher.start()).chars().filter(c -> c == '\n').count();
				return "\n".repeat(line - 1) + "<#stop r\"" + reason(matcher.group(1)) + "\">";
			}
		}
		return source;
	}

	private static String reason(String builtIn) {
		return "?" + builtIn + " is not allowed: " + switch (builtIn) {
			case "eval" -> "templates may not evaluate text as an expression";
			case "interpret" -> "templates may not run text as a template";
			case "new" -> "templates may not create Java objects";
			default -> "templates may not call Java methods";
		};
	}

	/**
	 * Where the FreeMarker code of a template is: the insides of {@code ${...}},
	 * {@code #{...}}, {@code <#...>} and {@code <@...>}, comments left out. String
	 * literals inside are part of a region (an interpolation in a string literal is code
	 * too).
	 */
	static final class FtlRegions {

		private FtlRegions() {
		}

		static java.util.List<int[]> of(String source) {
			java.util.List<int[]> regions = new java.util.ArrayList<>();
			int index = 0;
			while (index < source.length() - 1) {
				if (source.startsWith("<#--", index)) {
					int end = source.indexOf("-->", index + 4);
					index = (end < 0) ? source.length() : end + 3;
				}
				else if (source.startsWith("${", index) || source.startsWith("#{", index)) {
					int end = end(source, index + 2, '}');
					regions.add(new int[] { index + 2, end });
					index = end + 1;
				}
				else if (source.startsWith("<#", index) || source.startsWith("<@", index)) {
					int end = end(source, index + 2, '>');
					regions.add(new int[] { index + 2, end });
					index = end + 1;
				}
				else {
					index++;
				}
			}
			return regions;
		}

		/**
		 * The index of the closing character outside strings, parentheses and braces, or
		 * the end of the source.
		 */
		private static int end(String source, int from, char closing) {
			int depth = 0;
			char quote = 0;
			for (int index = from; index < source.length(); index++) {
				char c = source.charAt(index);
				if (quote != 0) {
					if (c == '\\') {
						index++;
					}
					else if (c == quote) {
						quote = 0;
					}
				}
				else if (c == '"' || c == '\'') {
					quote = c;
				}
				else if (c == '(' || c == '[' || c == '{') {
					depth++;
				}
				else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
					depth--;
				}
				else if (c == closing && depth == 0) {
					return index;
				}
			}
			return source.length();
		}

	}

}
