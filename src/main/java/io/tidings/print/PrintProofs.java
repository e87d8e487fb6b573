package io.tidings.print;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import io.tidings.archive.AtomicFiles;

import org.springframework.stereotype.Component;

/**
 * Proofs for template designers: a rendered PDF and a PNG image of its first page.
 */
@Component
public class PrintProofs {

	/** Resolution of the page image. */
	public static final int DPI = 110;

	private final AtomicFiles files;

	PrintProofs(AtomicFiles files) {
		this.files = files;
	}

	/**
	 * Writes a proof PDF and the image of its first page beside it ({@code x.pdf} and
	 * {@code x.png}).
	 * @param pdf the PDF
	 * @param target the PDF file to write
	 * @return the image file
	 */
	public Path write(byte[] pdf, Path target) {
		String name = target.getFileName().toString();
		Path image = target
			.resolveSibling((name.endsWith(".pdf") ? name.substring(0, name.length() - 4) : name) + ".png");
		try {
			this.files.write(target, pdf);
			this.files.write(image, firstPage(pdf, DPI));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the proof " + target, ex);
		}
		return image;
	}

	/**
	 * The image of a PDF's first page, as PNG.
	 */
	public static byte[] firstPage(byte[] pdf, int dpi) throws IOException {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, dpi, ImageType.RGB);
			ByteArrayOutputStream png = new ByteArrayOutputStream();
			ImageIO.write(page, "png", png);
			return png.toByteArray();
		}
	}

}
