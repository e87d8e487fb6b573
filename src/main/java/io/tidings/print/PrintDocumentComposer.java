package io.tidings.print;

import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.ComposedDocument;
import io.tidings.outbox.DocumentComposer;
import io.tidings.outbox.DocumentModel;
import io.tidings.render.PdfRenderer;
import io.tidings.render.RenderedPdf;
import io.tidings.render.TemplateEngine;

import org.springframework.stereotype.Component;

/**
 * Renders a print document: template to XHTML, XHTML to PDF.
 */
@Component
class PrintDocumentComposer implements DocumentComposer {

	private final TemplateEngine templates;

	private final PdfRenderer pdf;

	PrintDocumentComposer(TemplateEngine templates, PdfRenderer pdf) {
		this.templates = templates;
		this.pdf = pdf;
	}

	@Override
	public Channel channel() {
		return Channel.PRINT;
	}

	@Override
	public ComposedDocument compose(Communication communication, DocumentModel model) {
		String xhtml = this.templates.render(model);
		RenderedPdf rendered = this.pdf.render(xhtml, model.templatesRoot(), model.template());
		return new ComposedDocument(rendered.content(), "pdf", rendered.pages());
	}

}
