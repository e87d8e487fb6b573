package io.tidings.print;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code qpdf --check}, the structural check print shops run on the PDFs they receive.
 * Installed by {@code bash .ci/run} (Debian's qpdf); where it is missing, tests that need
 * it are skipped, unless {@code TIDINGS_PRINT_TOOLS=required} (set by {@code .ci/run})
 * makes them fail.
 */
final class Qpdf {

	private static final Path QPDF = Path.of("/usr/bin/qpdf");

	private Qpdf() {
	}

	static boolean available() {
		if (Files.isExecutable(QPDF)) {
			return true;
		}
		if ("required".equals(System.getenv("TIDINGS_PRINT_TOOLS"))) {
			throw new IllegalStateException("qpdf is required: install it (bash .ci/run does)");
		}
		return false;
	}

	/**
	 * What {@code qpdf --check} prints about a file (standard output and error).
	 */
	static String check(Path pdf) throws IOException, InterruptedException {
		Process qpdf = new ProcessBuilder(QPDF.toString(), "--check", pdf.toString()).redirectErrorStream(true).start();
		String output = new String(qpdf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!qpdf.waitFor(60, TimeUnit.SECONDS)) {
			qpdf.destroyForcibly();
			throw new IOException("qpdf --check did not finish in 60 s");
		}
		return output + "\nexit " + qpdf.exitValue();
	}

}
