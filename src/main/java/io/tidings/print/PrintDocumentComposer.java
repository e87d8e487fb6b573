package io.tidings.print;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.ComposedDocument;
import io.tidings.outbox.Composition;
import io.tidings.outbox.DocumentComposer;
import io.tidings.outbox.DocumentModel;
import io.tidings.outbox.DocumentRejectedException;
import io.tidings.render.PdfRenderer;
import io.tidings.render.RenderedBatch;
import io.tidings.render.RenderedPdf;
import io.tidings.render.Rendition;
import io.tidings.render.TemplateEngine;

import org.springframework.stereotype.Component;

/**
 * Renders a print document: template to XHTML, XHTML to PDF/A. Before rendering, the
 * address is checked against the envelope window: a line too wide for the window, or more
 * lines than it shows, fails the document with the reason instead of printing a letter
 * the post cannot read.
 */
@Component
class PrintDocumentComposer implements DocumentComposer {

	private final TemplateEngine templates;

	private final PdfRenderer pdf;

	private final PrintSettings.AddressWindow window;

	PrintDocumentComposer(TemplateEngine templates, PdfRenderer pdf, PrintSettings settings) {
		this.templates = templates;
		this.pdf = pdf;
		this.window = settings.addressWindow();
	}

	@Override
	public Channel channel() {
		return Channel.PRINT;
	}

	@Override
	public ComposedDocument compose(Communication communication, DocumentModel model) {
		checkAddressWindow(model);
		String xhtml = this.templates.render(model);
		// a statement attached to an email is this document, read on a screen
		RenderedPdf rendered = this.pdf.render(xhtml, model.templatesRoot(), model.template(),
				rendition(communication));
		return new ComposedDocument(rendered.content(), "pdf", rendered.pages());
	}

	/**
	 * Lays out the documents of each template together, those printed apart from those
	 * attached to an email (read on a screen, tagged).
	 */
	@Override
	public List<Composition> composeTogether(List<Composition.Request> requests) {
		Composition[] compositions = new Composition[requests.size()];
		Map<Batch, List<Integer>> batches = new LinkedHashMap<>();
		Map<Integer, String> xhtml = new HashMap<>();
		for (int i = 0; i < requests.size(); i++) {
			Composition.Request request = requests.get(i);
			try {
				checkAddressWindow(request.model());
				xhtml.put(i, this.templates.render(request.model()));
				batches
					.computeIfAbsent(new Batch(request.model().templatesRoot(), request.model().template(),
							rendition(request.communication())), key -> new ArrayList<>())
					.add(i);
			}
			catch (DocumentRejectedException ex) {
				compositions[i] = Composition.rejected(ex);
			}
		}
		batches.forEach((batch, positions) -> {
			RenderedBatch rendered = this.pdf.renderBatch(positions.stream().map(xhtml::get).toList(), batch.root(),
					batch.template(), batch.rendition());
			for (int j = 0; j < positions.size(); j++) {
				RenderedPdf document = rendered.rendered().get(j);
				compositions[positions.get(j)] = (document != null)
						? Composition.composed(
								new ComposedDocument(document.content(), "pdf", document.pages(), document.batch()))
						: Composition.rejected(rendered.rejected().get(j));
			}
		});
		return List.of(compositions);
	}

	/** Documents laid out together: those of one template, for one rendition. */
	private record Batch(Path root, String template, Rendition rendition) {
	}

	/** A statement attached to an email is read on a screen. */
	private static Rendition rendition(Communication communication) {
		return (communication.channel() == Channel.PRINT) ? Rendition.PRINT : Rendition.ELECTRONIC;
	}

	private void checkAddressWindow(DocumentModel model) {
		List<String> lines = addressLines(model.values());
		if (lines.isEmpty()) {
			return;
		}
		if (lines.size() > this.window.maxLines()) {
			throw new DocumentRejectedException(
					"the address has " + lines.size() + " lines; the envelope window shows " + this.window.maxLines());
		}
		double limit = this.window.widthMm() * 72 / 25.4;
		for (int i = 0; i < lines.size(); i++) {
			OptionalDouble width = this.pdf.textWidth(model.templatesRoot(), this.window.fonts(), lines.get(i),
					this.window.fontSize());
			if (width.isPresent() && width.getAsDouble() > limit) {
				throw new DocumentRejectedException(
						String.format(Locale.ROOT, "address line %d is %.1f mm wide; the envelope window is %.1f mm",
								i + 1, width.getAsDouble() * 25.4 / 72, this.window.widthMm()));
			}
		}
	}

	/**
	 * The lines of the address block as {@code common/letter.ftlh} prints them
	 * ({@code customer.address.lines}).
	 */
	static List<String> addressLines(Map<String, Object> values) {
		if (!(values.get("customer") instanceof Map<?, ?> customer)
				|| !(customer.get("address") instanceof Map<?, ?> address)
				|| !(address.get("lines") instanceof List<?> lines)) {
			return List.of();
		}
		return lines.stream().map(String::valueOf).toList();
	}

}
