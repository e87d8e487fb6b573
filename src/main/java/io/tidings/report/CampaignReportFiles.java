package io.tidings.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.tidings.csv.CsvCells;

/**
 * Writes a campaign report as {@code report.csv} (one row per figure:
 * {@code section,group,key,metric,value}; every cell neutralised against spreadsheet
 * formulas) and {@code report.html}, a single self-contained page: Chart.js is inlined
 * from its WebJar, so the page needs no network when it is opened.
 */
public final class CampaignReportFiles {

	private static final String CHART_JS = "META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js";

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
			Files.createDirectories(folder);
			Path csv = folder.resolve("report.csv");
			Files.writeString(csv, csv(report), StandardCharsets.UTF_8);
			Path html = folder.resolve("report.html");
			Files.writeString(html, html(report), StandardCharsets.UTF_8);
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
		if (report.cost() != null) {
			lines.add(CsvCells.line("cost", "", "", "total", report.cost().toPlainString()));
			lines.add(CsvCells.line("cost", "", "", "per-response",
					(report.costPerResponse() != null) ? report.costPerResponse().toPlainString() : ""));
		}
		return String.join("\n", lines) + "\n";
	}

	public static String html(CampaignReport report) {
		Lift lift = report.lift();
		StringBuilder page = new StringBuilder();
		page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Campaign ")
			.append(escape(report.campaign()))
			.append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}"
					+ "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;"
					+ "text-align:right}th:first-child,td:first-child{text-align:left}.charts{display:flex;"
					+ "flex-wrap:wrap;gap:2em}.chart{width:32em}</style>\n<script>")
			.append(chartJs().replace("</script", "<\\/script"))
			.append("</script></head><body>\n");
		page.append("<h1>Campaign ").append(escape(report.campaign())).append("</h1>\n");
		page.append("<p>Runs: ")
			.append(escape(String.join(", ", report.runs())))
			.append(". Audience: ")
			.append(report.audience())
			.append(" customers (")
			.append(report.audienceContacts())
			.append(" over all runs).</p>\n");
		page.append("<h2>Lift over the control group</h2>\n");
		if (lift.measurable()) {
			page.append("<p>Response rate of contacted customers ")
				.append(percent(lift.treatedRate()))
				.append(" (")
				.append(lift.treatedResponders())
				.append(" of ")
				.append(lift.treated())
				.append(") against ")
				.append(percent(lift.controlRate()))
				.append(" in the control group (")
				.append(lift.controlResponders())
				.append(" of ")
				.append(lift.control())
				.append("): lift <strong>")
				.append(points(lift.difference()))
				.append("</strong>, 95% confidence interval ")
				.append(points(lift.low()))
				.append(" to ")
				.append(points(lift.high()))
				.append(lift.significant() ? " (the campaign made a difference)."
						: " (not distinguishable from no effect yet).")
				.append("</p>\n");
		}
		else {
			page.append("<p>No control group: set <code>experiment.control-group</code> in the job file to measure "
					+ "lift.</p>\n");
		}
		if (report.cost() != null) {
			page.append("<p>Cost of what was sent: ")
				.append(report.cost().toPlainString())
				.append("; per response: ")
				.append((report.costPerResponse() != null) ? report.costPerResponse().toPlainString() : "no responses")
				.append(".</p>\n");
		}
		page.append("<div class=\"charts\"><div class=\"chart\"><canvas id=\"delivery\"></canvas></div>"
				+ "<div class=\"chart\"><canvas id=\"offers\"></canvas></div>"
				+ "<div class=\"chart\"><canvas id=\"lift\"></canvas></div></div>\n");
		page.append(
				"<h2>Delivery per channel</h2>\n<table><tr><th>channel</th><th>state</th><th>communications</th></tr>");
		for (CampaignReport.Count count : report.delivery()) {
			row(page, count.group(), count.key(), String.valueOf(count.count()));
		}
		page.append("</table>\n<h2>Responses to offers</h2>\n<table><tr><th>by</th><th>value</th><th>contacted</th>"
				+ "<th>responders</th><th>response rate</th></tr>");
		for (CampaignReport.Rate rate : report.responses()) {
			row(page, rate.dimension(), rate.key(), String.valueOf(rate.contacted()), String.valueOf(rate.responders()),
					percent(rate.rate()));
		}
		page.append("</table>\n<h2>Not sent, failed or bounced: reasons</h2>\n"
				+ "<table><tr><th>state</th><th>reason</th><th>communications</th></tr>");
		for (CampaignReport.Count count : report.reasons()) {
			row(page, count.group(), count.key(), String.valueOf(count.count()));
		}
		page.append("</table>\n<script>\n").append(charts(report)).append("</script>\n</body></html>\n");
		return page.toString();
	}

	private static String charts(CampaignReport report) {
		List<String> channels = report.delivery().stream().map(CampaignReport.Count::group).distinct().toList();
		List<String> states = report.delivery().stream().map(CampaignReport.Count::key).distinct().sorted().toList();
		String datasets = states.stream()
			.map(state -> "{label:" + json(state) + ",data:["
					+ channels.stream()
						.map(channel -> String.valueOf(report.delivery()
							.stream()
							.filter(c -> c.group().equals(channel) && c.key().equals(state))
							.mapToLong(CampaignReport.Count::count)
							.sum()))
						.collect(Collectors.joining(","))
					+ "]}")
			.collect(Collectors.joining(","));
		List<CampaignReport.Rate> offers = report.responses()
			.stream()
			.filter(r -> r.dimension().equals("offer"))
			.toList();
		Lift lift = report.lift();
		return "new Chart(document.getElementById('delivery'),{type:'bar',data:{labels:" + jsonList(channels)
				+ ",datasets:[" + datasets + "]},options:{plugins:{title:{display:true,text:'Communications per "
				+ "channel and state'}},scales:{x:{stacked:true},y:{stacked:true}}}});\n"
				+ "new Chart(document.getElementById('offers'),{type:'bar',data:{labels:"
				+ jsonList(offers.stream().map(CampaignReport.Rate::key).toList())
				+ ",datasets:[{label:'response rate %',data:["
				+ offers.stream().map(r -> number(100 * r.rate())).collect(Collectors.joining(","))
				+ "]}]},options:{plugins:{title:{display:true,text:'Response rate per offer'}}}});\n"
				+ "new Chart(document.getElementById('lift'),{type:'bar',data:{labels:['contacted','control'],"
				+ "datasets:[{label:'response rate %',data:[" + number(100 * zeroIfNaN(lift.treatedRate())) + ","
				+ number(100 * zeroIfNaN(lift.controlRate()))
				+ "]}]},options:{plugins:{title:{display:true,text:'Contacted against control'}}}});\n";
	}

	private static void row(StringBuilder page, String... cells) {
		page.append("<tr>");
		for (String cell : cells) {
			page.append("<td>").append(escape(cell)).append("</td>");
		}
		page.append("</tr>");
	}

	private static String chartJs() {
		try (InputStream in = CampaignReportFiles.class.getClassLoader().getResourceAsStream(CHART_JS)) {
			if (in == null) {
				throw new IllegalStateException("Chart.js is missing from the class path: " + CHART_JS);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	private static String json(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("<", "\\u003c") + "\"";
	}

	private static String jsonList(List<String> values) {
		return values.stream().map(CampaignReportFiles::json).collect(Collectors.joining(",", "[", "]"));
	}

	private static double zeroIfNaN(double value) {
		return Double.isNaN(value) ? 0 : value;
	}

	private static String number(double value) {
		return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
	}

	private static String percent(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * value);
	}

	private static String points(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%+.1f points", 100 * value);
	}

}
