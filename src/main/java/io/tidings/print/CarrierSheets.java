package io.tidings.print;

import java.nio.file.Path;

import io.tidings.customer.PostalAddressFormat;
import io.tidings.render.PdfRenderer;
import io.tidings.render.Rendition;

/**
 * The carrier sheet in front of a recipient's copy (the recipient's address in the
 * envelope window, laid out for the post office of the recipient's country and a line
 * saying whose document it is a copy of) and the copy mark on its pages, rendered with
 * the template folder's style sheet and fonts.
 */
final class CarrierSheets {

	private final PdfRenderer renderer;

	private final PostalAddressFormat addresses;

	CarrierSheets(PdfRenderer renderer, PostalAddressFormat addresses) {
		this.renderer = renderer;
		this.addresses = addresses;
	}

	byte[] render(Path templatesRoot, PrintSettings.CopyRecipient recipient, String communicationId,
			String customerId) {
		StringBuilder address = new StringBuilder();
		this.addresses
			.lines(recipient.name(), recipient.address(), recipient.postcode(), recipient.city(), recipient.country())
			.forEach(line -> line(address, line));
		String xhtml = """
				<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head>
				<link rel="stylesheet" type="text/css" href="css/print.css"/><title>Copy</title></head>
				<body>
				<div class="letterhead"><div class="brand">COPY</div></div>
				<div class="address-window"><div class="return"> </div><div class="recipient">%s</div></div>
				<p>Copy of document %s sent to customer %s.</p>
				</body></html>
				""".formatted(address, communicationId, escape(customerId));
		return this.renderer.render(xhtml, templatesRoot, "copy carrier sheet for " + recipient.code(), Rendition.PRINT)
			.content();
	}

	/**
	 * The copy mark drawn over every page of a copy: {@code COPY · <code>} in the top
	 * right corner of an otherwise empty page.
	 */
	byte[] stamp(Path templatesRoot, PrintSettings.CopyRecipient recipient) {
		String xhtml = """
				<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head>
				<link rel="stylesheet" type="text/css" href="css/print.css"/><title>Copy mark</title>
				<style>@page { size: A4; margin: 0; } .stamp { position: absolute; top: 7mm; right: 18mm;
				font-size: 9pt; color: #595959; }</style></head>
				<body><div class="stamp">COPY · %s</div></body></html>
				""".formatted(escape(recipient.code()));
		return this.renderer.render(xhtml, templatesRoot, "copy mark for " + recipient.code(), Rendition.PRINT)
			.content();
	}

	private static void line(StringBuilder out, String text) {
		out.append("<div>").append(escape(text)).append("</div>");
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
