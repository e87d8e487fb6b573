package io.tidings.render;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import org.jspecify.annotations.Nullable;

import io.tidings.outbox.DocumentModel;
import io.tidings.outbox.DocumentRejectedException;

import org.springframework.stereotype.Component;

/**
 * Renders FreeMarker templates from a campaign's template folder. Templates see only the
 * data model: the object wrapper exposes maps, lists, strings, numbers, dates and
 * booleans, {@code ?new} and {@code ?api} are disabled, {@code ?eval} and
 * {@code ?interpret} are refused, templates load from the template folder only (see
 * {@link SandboxedTemplateLoader}), and a missing variable fails the document with the
 * template's name and line instead of printing nothing. {@code .ftlh} templates escape
 * HTML; {@code .ftl} templates are plain text. When the template folder has message
 * bundles (see {@link MessageBundles}), {@code msg("key", {...})} formats a message in
 * the language of the document's locale.
 */
@Component
public class TemplateEngine {

	private final Map<Path, Configuration> configurations = new ConcurrentHashMap<>();

	private final Map<Path, String> versions = new ConcurrentHashMap<>();

	private final Map<Path, MessageBundles> bundles = new ConcurrentHashMap<>();

	/**
	 * Renders the template the model names.
	 */
	public String render(DocumentModel model) {
		return render(model, model.template());
	}

	/**
	 * Renders another template with the same model (an email's subject or text part).
	 */
	public String render(DocumentModel model, String templateName) {
		Configuration configuration = configuration(model.templatesRoot());
		try {
			Template template = configuration.getTemplate(templateName, model.locale());
			StringWriter out = new StringWriter();
			var environment = template.createProcessingEnvironment(model.values(), out);
			environment.setLocale(model.locale());
			bundles(model.templatesRoot()).messages(model.locale().getLanguage())
				.ifPresent(messages -> environment.setGlobalVariable("msg", new MessageMethod(messages)));
			environment.process();
			return out.toString();
		}
		catch (TemplateNotFoundException ex) {
			throw new DocumentRejectedException(
					"template " + templateName + " not found in " + model.templatesRoot().toAbsolutePath());
		}
		catch (ParseException ex) {
			throw syntaxError(ex);
		}
		catch (TemplateException ex) {
			throw new DocumentRejectedException(describe(templateName, ex), ex);
		}
		catch (IOException ex) {
			throw new DocumentRejectedException("template " + templateName + " cannot be read: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Fails fast on a template that does not exist or does not parse, before a run
	 * starts.
	 */
	public void check(Path templatesRoot, String templateName) {
		try {
			configuration(templatesRoot).getTemplate(templateName);
		}
		catch (TemplateNotFoundException ex) {
			throw new DocumentRejectedException(
					"template " + templateName + " not found in " + templatesRoot.toAbsolutePath());
		}
		catch (ParseException ex) {
			throw syntaxError(ex);
		}
		catch (IOException ex) {
			throw new DocumentRejectedException("template " + templateName + " cannot be read: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The message bundles of a template folder, read once.
	 */
	public MessageBundles bundles(Path templatesRoot) {
		return this.bundles.computeIfAbsent(templatesRoot.toAbsolutePath().normalize(), MessageBundles::load);
	}

	private static DocumentRejectedException syntaxError(ParseException ex) {
		return new DocumentRejectedException("template " + ex.getTemplateName() + " line " + ex.getLineNumber()
				+ ", column " + ex.getColumnNumber() + ": syntax error: " + ex.getEditorMessage());
	}

	/**
	 * A short hash of a template file's content, recorded with each communication so that
	 * it is known which version of a template rendered it (files it includes are not part
	 * of the hash).
	 */
	public String version(Path templatesRoot, String templateName) {
		Path file = templatesRoot.resolve(templateName).toAbsolutePath().normalize();
		return this.versions.computeIfAbsent(file, TemplateEngine::hash);
	}

	private static String hash(Path file) {
		try {
			byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
				.digest(java.nio.file.Files.readAllBytes(file));
			return java.util.HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (IOException ex) {
			return "unreadable";
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

	private static String describe(String templateName, TemplateException ex) {
		String source = (ex.getTemplateSourceName() != null) ? ex.getTemplateSourceName() : templateName;
		String where = "template " + source + ((ex.getLineNumber() != null) ? " line " + ex.getLineNumber() : "")
				+ ((ex.getColumnNumber() != null) ? ", column " + ex.getColumnNumber() : "");
		String blamed = ex.getBlamedExpressionString();
		TemplateNotFoundException notFound = notFound(ex);
		String what = (notFound != null)
				? "includes '" + notFound.getTemplateName() + "', which is not a file of the template folder"
				: (blamed != null) ? "'" + blamed + "' is missing or has the wrong type"
						: firstSentence(ex.getMessageWithoutStackTop());
		return where + ": " + what;
	}

	private static @Nullable TemplateNotFoundException notFound(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TemplateNotFoundException notFound) {
				return notFound;
			}
		}
		return null;
	}

	/**
	 * The first line of a message, and the next one when the first ends with a colon.
	 */
	private static String firstSentence(String message) {
		String[] lines = message.strip().split("\n");
		return (lines.length > 1 && lines[0].endsWith(":")) ? lines[0] + " " + lines[1].strip() : lines[0];
	}

	private Configuration configuration(Path templatesRoot) {
		return this.configurations.computeIfAbsent(templatesRoot.toAbsolutePath().normalize(),
				TemplateEngine::newConfiguration);
	}

	static Configuration newConfiguration(Path templatesRoot) {
		Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
		try {
			configuration.setTemplateLoader(new SandboxedTemplateLoader(templatesRoot.toFile()));
		}
		catch (IOException ex) {
			throw new DocumentRejectedException("template folder " + templatesRoot + " cannot be read", ex);
		}
		configuration.setDefaultEncoding("UTF-8");
		configuration.setRecognizeStandardFileExtensions(true);
		// the sandboxed loader looks for FreeMarker code in these syntaxes only
		configuration.setTagSyntax(Configuration.ANGLE_BRACKET_TAG_SYNTAX);
		configuration.setInterpolationSyntax(Configuration.LEGACY_INTERPOLATION_SYNTAX);
		configuration.setObjectWrapper(new SimpleObjectWrapper(Configuration.VERSION_2_3_34));
		configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
		configuration.setAPIBuiltinEnabled(false);
		configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
		configuration.setLogTemplateExceptions(false);
		configuration.setWrapUncheckedExceptions(true);
		configuration.setFallbackOnNullLoopVariable(false);
		configuration.setLocalizedLookup(false);
		configuration.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
		return configuration;
	}

}
