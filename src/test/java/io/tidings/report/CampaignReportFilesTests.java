package io.tidings.report;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignReportFilesTests {

	private static final String MARKUP = "<img src=x onerror=alert(1)></script>";

	private final CampaignReport report = new CampaignReport("<b>Q&A</b>", List.of("2026-09-30"), 5, 5,
			List.of(new CampaignReport.Count("email", "SENT", 4), new CampaignReport.Count("print", "PRINTED", 1)),
			List.of(new CampaignReport.Rate("offer", MARKUP, 3, 1, 0),
					new CampaignReport.Rate("offer", "SAVINGS", 2, 2, 0)),
			new Lift(5, 3, 4, 1), List.of(new CampaignReport.Count("SUPPRESSED", "control-group", 4)),
			new BigDecimal("2.50"),
			List.of(new CampaignReport.ModelFigures("SAVINGS", 3, "gradient-boosting", "champion", 0.7512, 0.0812,
					2.71),
					new CampaignReport.ModelFigures("SAVINGS", 3, "logistic", "challenger", 0.7431, 0.0825, 2.64)));

	@Test
	void shouldEscapeMarkupInCampaignAndOfferNames() {
		// when
		String html = CampaignReportFiles.html(this.report);
		// then
		assertThat(html).contains("<title>Campaign &lt;b&gt;Q&amp;A&lt;/b&gt;</title>")
			.contains("<h1>Campaign &lt;b&gt;Q&amp;A&lt;/b&gt;</h1>")
			.contains("<td>&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;</td>")
			.doesNotContain("<b>Q&A</b>")
			.doesNotContain("<img")
			.doesNotContain(MARKUP);
	}

	@Test
	void shouldWriteChartDataThatParsesBackToTheReportsFigures() {
		// when
		String html = CampaignReportFiles.html(this.report);
		String script = html.substring(html.lastIndexOf("<script>"));
		String json = script.substring(script.indexOf('{'), script.indexOf(";\n"));
		JsonNode charts = JsonMapper.builder().build().readTree(json);
		// then
		assertThat(json).as("nothing in it can end the script element").doesNotContain("<");
		assertThat(charts.propertyNames()).containsExactly("delivery", "offers", "lift");
		JsonNode delivery = charts.get("delivery").get("data");
		assertThat(delivery.get("labels").values()).extracting(JsonNode::asString).containsExactly("email", "print");
		assertThat(delivery.get("datasets").get(0).get("label").asString()).isEqualTo("PRINTED");
		assertThat(delivery.get("datasets").get(0).get("data").values()).extracting(JsonNode::asLong)
			.containsExactly(0L, 1L);
		JsonNode offers = charts.get("offers").get("data");
		assertThat(offers.get("labels").values()).extracting(JsonNode::asString).containsExactly(MARKUP, "SAVINGS");
		assertThat(offers.get("datasets").get(0).get("data").values()).extracting(JsonNode::asDouble)
			.containsExactly(33.3333, 100.0);
		assertThat(charts.get("lift").get("data").get("datasets").get(0).get("data").values())
			.extracting(JsonNode::asDouble)
			.containsExactly(60.0, 25.0);
		assertThat(charts.get("offers").get("options").get("plugins").get("title").get("text").asString())
			.isEqualTo("Response rate per offer");
	}

	@Test
	void shouldShowTheChampionAndTheChallengerOfEachOfferedProduct() {
		// when
		String html = CampaignReportFiles.html(this.report);
		String csv = CampaignReportFiles.csv(this.report);
		// then
		assertThat(html).contains("Propensity models of the offered products")
			.contains("<td>SAVINGS</td><td>3</td><td>gradient-boosting</td><td>champion</td><td>0.751</td>"
					+ "<td>0.0812</td><td>2.71</td>")
			.contains("<td>logistic</td><td>challenger</td><td>0.743</td>");
		assertThat(csv).contains("models,SAVINGS,gradient-boosting v3,champion-cv-auc,0.7512\n")
			.contains("models,SAVINGS,logistic v3,challenger-cv-brier,0.0825\n")
			.contains("models,SAVINGS,logistic v3,challenger-cv-lift-at-20,2.6400\n");
	}

	@Test
	void shouldInlineChartJsSoThePageWorksOffline() {
		String html = CampaignReportFiles.html(this.report);
		assertThat(html).doesNotContain("<script src").contains("Chart.js v4");
	}

}
