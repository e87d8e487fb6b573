package io.tidings.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import freemarker.cache.ClassTemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import org.jspecify.annotations.Nullable;
import org.webjars.WebJarVersionLocator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTML report: {@code report.ftlh} (HTML-escaped) with Chart.js inlined from its
 * WebJar, whatever its version, and the charts' data as JSON, so the page needs no
 * network when it is opened.
 */
final class ReportPage {

	private static final Configuration TEMPLATES = templates();

	/**
	 * JSON that may stand inside a script element: {@code <} is written {@code \u003c}.
	 */
	private static final JsonMapper JSON = JsonMapper
		.builder(JsonFactory.builder().characterEscapes(new ScriptEscapes()).build())
		.build();

	private static final String CHART_JS = chartJs();

	private static final String RATE = "response rate %";

	private ReportPage() {
	}

	static String html(CampaignReport report) {
		Map<String, Object> model = new HashMap<>();
		model.put("chartJs", CHART_JS);
		model.put("campaign", report.campaign());
		model.put("runs", report.runs());
		model.put("audience", report.audience());
		model.put("audienceContacts", report.audienceContacts());
		Lift lift = report.lift();
		if (lift.measurable()) {
			model.put("lift",
					Map.of("treatedRate", percent(lift.treatedRate()), "treatedResponders", lift.treatedResponders(),
							"treated", lift.treated(), "controlRate", percent(lift.controlRate()), "controlResponders",
							lift.controlResponders(), "control", lift.control(), "difference",
							points(lift.difference()), "low", points(lift.low()), "high", points(lift.high()),
							"significant", lift.significant()));
		}
		if (report.cost() != null) {
			model.put("cost", report.cost().toPlainString());
			model.put("costPerResponse",
					(report.costPerResponse() != null) ? report.costPerResponse().toPlainString() : "no responses");
		}
		model.put("delivery", counts(report.delivery()));
		model.put("responses", report.responses()
			.stream()
			.map(rate -> Map.of("dimension", rate.dimension(), "key", rate.key(), "contacted", rate.contacted(),
					"responders", rate.responders(), "rate", percent(rate.rate()), "complaints", rate.complaints()))
			.toList());
		model.put("reasons", counts(report.reasons()));
		model.put("models",
				report.models()
					.stream()
					.map(figures -> Map.of("product", figures.product(), "version", figures.version(), "kind",
							figures.kind(), "role", figures.role(), "auc", decimal(figures.auc(), 3), "brier",
							decimal(figures.brier(), 4), "lift", decimal(figures.liftAt20(), 2)))
					.toList());
		model.put("charts", JSON.writeValueAsString(charts(report)));
		StringWriter html = new StringWriter();
		try {
			TEMPLATES.getTemplate("report.ftlh").process(model, html);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (TemplateException ex) {
			throw new IllegalStateException("the report of " + report.campaign() + " cannot be written", ex);
		}
		return html.toString();
	}

	/** The configuration of each chart by the id of its canvas. */
	private static Map<String, Chart> charts(CampaignReport report) {
		List<String> channels = report.delivery().stream().map(CampaignReport.Count::group).distinct().toList();
		List<String> states = report.delivery().stream().map(CampaignReport.Count::key).distinct().sorted().toList();
		List<Dataset> delivery = states.stream()
			.map(state -> new Dataset(state,
					channels.stream()
						.map(channel -> report.delivery()
							.stream()
							.filter(c -> c.group().equals(channel) && c.key().equals(state))
							.mapToLong(CampaignReport.Count::count)
							.sum())
						.toList()))
			.toList();
		List<CampaignReport.Rate> offers = report.responses()
			.stream()
			.filter(r -> r.dimension().equals("offer"))
			.toList();
		Lift lift = report.lift();
		Map<String, Chart> charts = new LinkedHashMap<>();
		charts.put("delivery", Chart.bar(channels, delivery, "Communications per channel and state", true));
		charts.put("offers",
				Chart.bar(offers.stream().map(CampaignReport.Rate::key).toList(),
						List.of(new Dataset(RATE, offers.stream().map(r -> number(100 * r.rate())).toList())),
						"Response rate per offer", false));
		charts.put("lift", Chart.bar(
				List.of("contacted", "control"), List
					.of(new Dataset(RATE,
							List.of(number(100 * zeroIfNaN(lift.treatedRate())),
									number(100 * zeroIfNaN(lift.controlRate()))))),
				"Contacted against control", false));
		return charts;
	}

	private static List<Map<String, Object>> counts(List<CampaignReport.Count> counts) {
		return counts.stream()
			.map(count -> Map.<String, Object>of("group", count.group(), "key", count.key(), "count", count.count()))
			.toList();
	}

	private static double zeroIfNaN(double value) {
		return Double.isNaN(value) ? 0 : value;
	}

	/** Four decimals, as in the CSV. */
	private static BigDecimal number(double value) {
		return new BigDecimal(String.format(Locale.ROOT, "%.4f", value));
	}

	private static String percent(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * value);
	}

	private static String decimal(double value, int places) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + places + "f", value);
	}

	private static String points(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%+.1f points", 100 * value);
	}

	private static Configuration templates() {
		Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
		configuration.setTemplateLoader(new ClassTemplateLoader(ReportPage.class, ""));
		configuration.setDefaultEncoding("UTF-8");
		configuration.setRecognizeStandardFileExtensions(true);
		configuration.setNumberFormat("computer");
		configuration.setObjectWrapper(new SimpleObjectWrapper(Configuration.VERSION_2_3_34));
		configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
		configuration.setAPIBuiltinEnabled(false);
		configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
		configuration.setLogTemplateExceptions(false);
		configuration.setLocalizedLookup(false);
		return configuration;
	}

	private static String chartJs() {
		String path = new WebJarVersionLocator().fullPath("chart.js", "dist/chart.umd.js");
		try (InputStream in = (path != null) ? ReportPage.class.getClassLoader().getResourceAsStream(path) : null) {
			if (in == null) {
				throw new IllegalStateException(
						"Chart.js (dist/chart.umd.js of the chart.js WebJar) is missing from " + "the class path");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static final class ScriptEscapes extends CharacterEscapes {

		private final int[] codes;

		ScriptEscapes() {
			this.codes = standardAsciiEscapesForJSON();
			this.codes['<'] = ESCAPE_STANDARD;
		}

		@Override
		public int[] getEscapeCodesForAscii() {
			return this.codes;
		}

		@Override
		public @Nullable SerializableString getEscapeSequence(int ch) {
			return null;
		}

	}

	/**
	 * A Chart.js chart configuration, as the report page passes it to {@code new Chart}.
	 */
	record Chart(String type, Data data, Options options) {

		static Chart bar(List<String> labels, List<Dataset> datasets, String title, boolean stacked) {
			Axis axis = new Axis(true);
			return new Chart("bar", new Data(labels, datasets),
					new Options(new Plugins(new Title(true, title)), stacked ? new Scales(axis, axis) : null));
		}

	}

	record Data(List<String> labels, List<Dataset> datasets) {

	}

	record Dataset(String label, List<?> data) {

	}

	record Options(Plugins plugins, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Scales scales) {

	}

	record Plugins(Title title) {

	}

	record Title(boolean display, String text) {

	}

	record Scales(Axis x, Axis y) {

	}

	record Axis(boolean stacked) {

	}

}
