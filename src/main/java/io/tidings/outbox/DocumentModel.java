package io.tidings.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a template sees: plain maps, lists, strings, numbers and dates (never Java objects
 * with methods), plus the locale and the folder templates are loaded from.
 *
 * @param templatesRoot folder of the campaign's templates
 * @param template template name relative to that folder
 * @param locale locale of the customer
 * @param values the data model
 * @param options channel settings of the campaign and recipient (for example {@code to},
 * {@code from}); each composer documents the keys it reads
 * @param attachments documents rendered for another channel that go with this one (the
 * PDF of a statement sent by email)
 */
public record DocumentModel(java.nio.file.Path templatesRoot, String template, Locale locale,
		Map<String, Object> values, Map<String, String> options, List<Attachment> attachments) {

	public DocumentModel {
		attachments = List.copyOf(attachments);
	}

	public DocumentModel(java.nio.file.Path templatesRoot, String template, Locale locale, Map<String, Object> values,
			Map<String, String> options) {
		this(templatesRoot, template, locale, values, options, List.of());
	}

	/**
	 * A channel option the composer cannot do without.
	 * @throws DocumentRejectedException when it is missing
	 */
	public String requiredOption(String key) {
		String value = this.options.get(key);
		if (value == null || value.isBlank()) {
			throw new DocumentRejectedException("missing '" + key + "' for template " + this.template);
		}
		return value;
	}

	/**
	 * The same model rendered by another template, with a document attached.
	 */
	public DocumentModel withTemplateAndAttachment(String otherTemplate, Attachment attachment) {
		List<Attachment> all = new ArrayList<>(this.attachments);
		all.add(attachment);
		return new DocumentModel(this.templatesRoot, otherTemplate, this.locale, this.values, this.options, all);
	}

	/**
	 * A document that travels with another one.
	 *
	 * @param fileName file name shown to the recipient (no personal data)
	 * @param contentType MIME type, e.g. {@code application/pdf}
	 * @param content the exact bytes
	 */
	public record Attachment(String fileName, String contentType, byte[] content) {
	}

}
