package io.tidings.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.outbox.DocumentModel;
import io.tidings.outbox.DocumentRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TemplateEngineTests {

	private final TemplateEngine engine = new TemplateEngine();

	@TempDir
	Path templates;

	@Test
	void shouldEscapeMarkupInHtmlTemplates() throws IOException {
		// given
		write("letter.ftlh", "<p>${customer.name}</p>");
		// when
		String html = this.engine.render(model("letter.ftlh", Map.of("name", "<script>alert('x')</script> & Co")));
		// then
		assertThat(html).isEqualTo("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co</p>");
	}

	@Test
	void shouldFailAMissingVariableWithTemplateNameAndLine() throws IOException {
		write("letter.ftlh", "<p>\n  Dear ${customer.nickname}\n</p>");
		assertThatExceptionOfType(DocumentRejectedException.class)
			.isThrownBy(() -> this.engine.render(model("letter.ftlh", Map.of("name", "Ann"))))
			.withMessage(
					"template letter.ftlh line 2, column 10: 'customer.nickname' is missing or has the wrong type");
	}

	@Test
	void shouldNotLetTemplatesInstantiateClasses() throws IOException {
		write("evil.ftl", "<#assign run = \"freemarker.template.utility.Execute\"?new()>${run(\"id\")}");
		assertThatExceptionOfType(DocumentRejectedException.class)
			.isThrownBy(() -> this.engine.render(model("evil.ftl", Map.of("name", "Ann"))))
			.withMessageContaining("evil.ftl line 1");
	}

	@Test
	void shouldNotLetTemplatesCallJavaMethods() throws IOException {
		write("api.ftl", "${customer.name?api.getClass()}");
		assertThatExceptionOfType(DocumentRejectedException.class)
			.isThrownBy(() -> this.engine.render(model("api.ftl", Map.of("name", "Ann"))))
			.withMessageContaining("api.ftl line 1");
	}

	@Test
	void shouldNotReadFilesOutsideTheTemplateFolder() throws IOException {
		write("include.ftl", "<#include \"../../../../../../etc/passwd\">");
		assertThatExceptionOfType(DocumentRejectedException.class)
			.isThrownBy(() -> this.engine.render(model("include.ftl", Map.of("name", "Ann"))));
	}

	@Test
	void shouldReportAMissingTemplateAndASyntaxError() throws IOException {
		assertThatExceptionOfType(DocumentRejectedException.class)
			.isThrownBy(() -> this.engine.check(this.templates, "absent.ftlh"))
			.withMessageContaining("template absent.ftlh not found");
		write("broken.ftlh", "<#if customer.name>\n<p>open if</p>");
		assertThatExceptionOfType(DocumentRejectedException.class)
			.isThrownBy(() -> this.engine.check(this.templates, "broken.ftlh"))
			.withMessageContaining("template broken.ftlh line");
	}

	private void write(String name, String text) throws IOException {
		Files.writeString(this.templates.resolve(name), text);
	}

	private DocumentModel model(String template, Map<String, Object> customer) {
		return new DocumentModel(this.templates, template, Locale.ENGLISH, Map.of("customer", customer), Map.of());
	}

}
