package io.tidings.print;

import org.junit.jupiter.api.Test;

import io.tidings.render.PdfRenderer;
import io.tidings.render.RenderSettings;
import io.tidings.render.RenderSettings;
import io.tidings.render.RenderedPdf;
import io.tidings.render.TemplateEngine;

class ScratchTiming {

	@Test
	void time() {
		TemplateEngine templates = new TemplateEngine();
		PdfRenderer pdf = new PdfRenderer(RenderSettings.defaults());
		for (int round = 0; round < 5; round++) {
			var mx = java.lang.management.ManagementFactory.getThreadMXBean();
			long start = mx.getCurrentThreadCpuTime();
			long bytes = 0;
			int n = 300;
			for (int i = 0; i < n; i++) {
				var model = StatementSamples.statement(i, 10);
				RenderedPdf r = pdf.render(templates.render(model), model.templatesRoot(), model.template());
				bytes += r.content().length;
			}
			double ms = (mx.getCurrentThreadCpuTime() - start) / 1e6 / n;
			System.out.printf("round %d: %.2f ms/doc, %d bytes/doc%n", round, ms, bytes / n);
		}
	}

}
