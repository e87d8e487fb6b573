package io.tidings.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.tidings.OwnerOnly;
import io.tidings.csv.CsvCells;

/**
 * Writes a campaign report as {@code report.csv} (one row per figure:
 * {@code section,group,key,metric,value}; every cell neutralised against spreadsheet
 * formulas) and {@code report.html}, a single self-contained page ({@link ReportPage}).
 */
public final class CampaignReportFiles {

	private CampaignReportFiles() {
	}

	/**
	 * The files written.
	 *
	 * @param html the HTML page
	 * @param csv the CSV
	 */
	public record Written(Path html, Path csv) {

	}

	public static Written write(CampaignReport report, Path folder) {
		try {
			OwnerOnly.folders(folder);
			Path csv = folder.resolve("report.csv");
			Files.writeString(csv, csv(report), StandardCharsets.UTF_8);
			OwnerOnly.restrictFile(csv);
			Path html = folder.resolve("report.html");
			Files.writeString(html, html(report), StandardCharsets.UTF_8);
			OwnerOnly.restrictFile(html);
			return new Written(html, csv);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the report into " + folder, ex);
		}
	}

	public static String csv(CampaignReport report) {
		List<String> lines = new ArrayList<>();
		lines.add(CsvCells.line("section", "group", "key", "metric", "value"));
		lines.add(CsvCells.line("audience", report.campaign(), "", "customers", report.audience()));
		lines.add(CsvCells.line("audience", report.campaign(), "", "customer-runs", report.audienceContacts()));
		lines.add(CsvCells.line("audience", report.campaign(), "", "runs", String.join(" ", report.runs())));
		for (CampaignReport.Count count : report.delivery()) {
			lines.add(CsvCells.line("delivery", count.group(), count.key(), "communications", count.count()));
		}
		for (CampaignReport.Rate rate : report.responses()) {
			lines.add(CsvCells.line("responses", rate.dimension(), rate.key(), "contacted", rate.contacted()));
			lines.add(CsvCells.line("responses", rate.dimension(), rate.key(), "responders", rate.responders()));
			lines.add(CsvCells.line("responses", rate.dimension(), rate.key(), "response-rate", number(rate.rate())));
			lines.add(CsvCells.line("responses", rate.dimension(), rate.key(), "complaints", rate.complaints()));
		}
		Lift lift = report.lift();
		lines.add(CsvCells.line("lift", "treated", "", "customers", lift.treated()));
		lines.add(CsvCells.line("lift", "treated", "", "responders", lift.treatedResponders()));
		lines.add(CsvCells.line("lift", "treated", "", "response-rate", number(lift.treatedRate())));
		lines.add(CsvCells.line("lift", "control", "", "customers", lift.control()));
		lines.add(CsvCells.line("lift", "control", "", "responders", lift.controlResponders()));
		lines.add(CsvCells.line("lift", "control", "", "response-rate", number(lift.controlRate())));
		lines.add(CsvCells.line("lift", "difference", "", "rate-difference", number(lift.difference())));
		lines.add(CsvCells.line("lift", "difference", "", "ci95-low", number(lift.low())));
		lines.add(CsvCells.line("lift", "difference", "", "ci95-high", number(lift.high())));
		lines.add(CsvCells.line("lift", "difference", "", "relative-lift", number(lift.relative())));
		for (CampaignReport.Count count : report.reasons()) {
			lines.add(CsvCells.line("reasons", count.group(), count.key(), "communications", count.count()));
		}
		for (CampaignReport.ModelFigures model : report.models()) {
			String key = model.kind() + " v" + model.version();
			lines.add(CsvCells.line("models", model.product(), key, model.role() + "-cv-auc", number(model.auc())));
			lines.add(CsvCells.line("models", model.product(), key, model.role() + "-cv-brier", number(model.brier())));
			lines.add(CsvCells.line("models", model.product(), key, model.role() + "-cv-lift-at-20",
					number(model.liftAt20())));
		}
		if (report.cost() != null) {
			lines.add(CsvCells.line("cost", "", "", "total", report.cost().toPlainString()));
			lines.add(CsvCells.line("cost", "", "", "per-response",
					(report.costPerResponse() != null) ? report.costPerResponse().toPlainString() : ""));
		}
		return String.join("\n", lines) + "\n";
	}

	/**
	 * The HTML page: see {@link ReportPage}.
	 */
	public static String html(CampaignReport report) {
		return ReportPage.html(report);
	}

	private static String number(double value) {
		return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
	}

}
