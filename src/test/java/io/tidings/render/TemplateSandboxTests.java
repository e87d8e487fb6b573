package io.tidings.render;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.BadInput;
import io.tidings.outbox.DocumentModel;
import io.tidings.outbox.DocumentRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Templates that try to reach Java classes, run text as code or read files outside the
 * template folder: each fails its document with the template's name, line and reason, and
 * nothing it tried happens.
 */
class TemplateSandboxTests {

	private final TemplateEngine engine = new TemplateEngine();

	@TempDir
	Path folder;

	@Test
	void shouldRefuseToInstantiateAClassAndRunNothing() throws IOException {
		// given
		Path marker = this.folder.resolve("executed");
		write("new.ftl",
				"Hello\n<#assign run = \"freemarker.template.utility.Execute\"?new()>${run(\"touch " + marker + "\")}");
		// when / then
		assertRefused("new.ftl", "template new.ftl line 2", "?new is not allowed");
		assertThat(marker).doesNotExist();
	}

	@Test
	void shouldRefuseTheApiBuiltIn() throws IOException {
		write("api.ftl", "${customer.name?api.getClass().forName(\"java.lang.Runtime\")}");
		assertRefused("api.ftl", "template api.ftl line 1", "?api is not allowed");
	}

	@Test
	void shouldRefuseToEvaluateTextAsCodeEvenWrittenWithSpacesOrInsideAString() throws IOException {
		write("eval.ftl", "${customer.name ?\n  eval}");
		write("interpret.ftl", "<#assign t = customer.name?interpret><@t/>");
		write("in-string.ftl", "Dear customer,\n\n<#assign s = \"${'1 + 1'?eval}\">${s}");
		assertRefused("eval.ftl", "template eval.ftl line 1", "?eval is not allowed");
		assertRefused("interpret.ftl", "template interpret.ftl line 1", "?interpret is not allowed");
		assertRefused("in-string.ftl", "template in-string.ftl line 3", "?eval is not allowed");
	}

	@Test
	void shouldNameTheIncludedTemplateThatUsesAForbiddenBuiltIn() throws IOException {
		write("letter.ftl", "Dear ${customer.name}\n<#include \"parts/footer.ftl\">");
		Files.createDirectories(this.folder.resolve("parts"));
		write("parts/footer.ftl", "Kind regards\n\n${'\"x\"'?eval}");
		assertRefused("letter.ftl", "template parts/footer.ftl line 3", "?eval is not allowed");
	}

	@Test
	void shouldAcceptProseThatLooksLikeABuiltInAndSafeBuiltIns() throws IOException {
		// given a question mark and "new" in static text, and ?eval_json, which only
		// parses JSON
		write("prose.ftl", "Questions? new offers await, ${customer.name}! ${'{\"n\": 2}'?eval_json.n}"
				+ "<#-- a comment may mention ?eval -->");
		// when
		String text = this.engine.render(model("prose.ftl", Map.of("name", "Ann")));
		// then
		assertThat(text).isEqualTo("Questions? new offers await, Ann! 2");
	}

	@Test
	void shouldNotIncludeFilesOutsideTheTemplateFolder() throws IOException {
		// given a file next to the template folder and a link to it inside
		Path templates = Files.createDirectories(this.folder.resolve("templates"));
		Path secret = Files.writeString(this.folder.resolve("secret.txt"), "TOP SECRET");
		Files.createSymbolicLink(templates.resolve("link.ftl"), secret);
		Files.writeString(templates.resolve("absolute.ftl"), "<#include \"/etc/passwd\">");
		Files.writeString(templates.resolve("parent.ftl"), "<#include \"../secret.txt\">");
		Files.writeString(templates.resolve("linked.ftl"), "<#include \"link.ftl\">");
		Files.writeString(templates.resolve("absolute-secret.ftl"), "<#include \"" + secret + "\">");
		// when / then
		for (String template : new String[] { "absolute.ftl", "parent.ftl", "linked.ftl", "absolute-secret.ftl" }) {
			assertThatExceptionOfType(DocumentRejectedException.class)
				.isThrownBy(() -> this.engine.render(model(templates, template, Map.of("name", "Ann"))))
				.as(template)
				.withMessageStartingWith("template " + template + " line 1")
				.withMessageContaining("which is not a file of the template folder")
				.withMessageNotContaining("TOP SECRET");
		}
	}

	@Test
	void shouldNotExposeJavaObjectsThatReachTheModel() throws IOException {
		// given a model value that is not a map, list, string, number, date or boolean
		write("object.ftl", "${customer.file.absolutePath}");
		// when / then
		assertThatExceptionOfType(DocumentRejectedException.class)
			.isThrownBy(() -> this.engine.render(model("object.ftl", Map.of("file", new File("/")))))
			.withMessageStartingWith("template object.ftl line 1");
	}

	@Test
	void shouldRefuseEveryTemplateOfTheBadInputCorpusNamingItsLine() {
		// the corpus folder is the template folder: its includes aim outside it
		Path corpus = BadInput.CORPUS;
		Map<String, String> reasons = Map.of("template-api.ftl", "?api is not allowed", "template-eval.ftl",
				"?eval is not allowed", "template-interpret.ftl", "?interpret is not allowed", "template-new.ftl",
				"?new is not allowed", "template-include-etc-passwd.ftl", "which is not a file of the template folder",
				"template-include-parent.ftl", "which is not a file of the template folder",
				"template-missing-variable.ftl", "'customer.balance' is missing");
		reasons.forEach((template, reason) -> assertThatExceptionOfType(DocumentRejectedException.class)
			.isThrownBy(() -> this.engine.render(model(corpus, template, Map.of("name", "Ann"))))
			.as(template)
			.withMessageStartingWith("template " + template + " line 2")
			.withMessageContaining(reason)
			.withMessageNotContaining("root:"));
	}

	@Test
	void shouldConfigureFreeMarkerWithoutClassesOrJavaApi() {
		Configuration configuration = TemplateEngine.newConfiguration(this.folder);
		assertThat(configuration.getNewBuiltinClassResolver()).isSameAs(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
		assertThat(configuration.isAPIBuiltinEnabled()).isFalse();
		assertThat(configuration.getObjectWrapper()).isExactlyInstanceOf(SimpleObjectWrapper.class);
		assertThat(configuration.getTemplateLoader()).isInstanceOf(SandboxedTemplateLoader.class);
	}

	private void assertRefused(String template, String where, String reason) {
		assertThatExceptionOfType(DocumentRejectedException.class)
			.isThrownBy(() -> this.engine.render(model(template, Map.of("name", "Ann"))))
			.withMessageStartingWith(where)
			.withMessageContaining(reason);
	}

	private void write(String name, String text) throws IOException {
		Files.writeString(this.folder.resolve(name), text);
	}

	private DocumentModel model(String template, Map<String, Object> customer) {
		return model(this.folder, template, customer);
	}

	private static DocumentModel model(Path templates, String template, Map<String, Object> customer) {
		return new DocumentModel(templates, template, Locale.ENGLISH, Map.of("customer", customer), Map.of());
	}

}
