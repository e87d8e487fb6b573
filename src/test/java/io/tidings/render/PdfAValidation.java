package io.tidings.render;

import java.io.ByteArrayInputStream;
import java.util.List;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * Validates PDFs with veraPDF, the PDF Association's reference validator for PDF/A and
 * PDF/UA.
 */
public final class PdfAValidation {

	static {
		VeraGreenfieldFoundryProvider.initialise();
	}

	private PdfAValidation() {
	}

	/**
	 * The rules a PDF breaks for a flavour, one line each; empty when it conforms.
	 */
	public static List<String> violations(byte[] pdf, PDFAFlavour flavour) {
		try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), flavour);
				PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false)) {
			ValidationResult result = validator.validate(parser);
			return result.getTestAssertions()
				.stream()
				.filter(assertion -> assertion.getStatus() == TestAssertion.Status.FAILED)
				.map(assertion -> assertion.getRuleId().getClause() + "-" + assertion.getRuleId().getTestNumber() + ": "
						+ assertion.getMessage())
				.distinct()
				.toList();
		}
		catch (Exception ex) {
			throw new IllegalStateException("veraPDF could not validate the PDF", ex);
		}
	}

}
