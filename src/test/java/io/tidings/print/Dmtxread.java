package io.tidings.print;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.jspecify.annotations.Nullable;

/**
 * {@code dmtxread} (libdmtx), a second DataMatrix reader besides zxing, where it is
 * installed (Debian's dmtx-utils, which {@code bash .ci/run} installs); where it is not,
 * the check is skipped, unless {@code TIDINGS_PRINT_TOOLS=required}.
 */
final class Dmtxread {

	private static final Path DMTXREAD = Path.of("/usr/bin/dmtxread");

	private Dmtxread() {
	}

	/**
	 * What dmtxread reads in an image.
	 * @return null when dmtxread is not installed
	 */
	static @Nullable String decode(BufferedImage image) throws IOException, InterruptedException {
		if (!Files.isExecutable(DMTXREAD)) {
			if ("required".equals(System.getenv("TIDINGS_PRINT_TOOLS"))) {
				throw new IllegalStateException("dmtxread is required: install dmtx-utils (bash .ci/run does)");
			}
			return null;
		}
		Path png = Files.createTempFile("window-code", ".png");
		try {
			ImageIO.write(image, "png", png.toFile());
			Process dmtxread = new ProcessBuilder(DMTXREAD.toString(), "-m", "5000", png.toString()).start();
			String text = new String(dmtxread.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!dmtxread.waitFor(30, TimeUnit.SECONDS)) {
				dmtxread.destroyForcibly();
				throw new IOException("dmtxread did not finish in 30 s");
			}
			return text.strip();
		}
		finally {
			Files.deleteIfExists(png);
		}
	}

}
