package io.tidings.console;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import io.tidings.InvalidInputException;
import io.tidings.campaign.CampaignDefinition;
import io.tidings.report.CampaignReport;
import io.tidings.report.CampaignReportFiles;
import io.tidings.report.CampaignReports;
import io.tidings.schedule.JobCatalog;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The campaign report of {@code tidings report} in the console: the same page (counts,
 * response rates, lift against the control group, Chart.js charts inlined from its
 * WebJar), and its CSV.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ReportController {

	private final CampaignReports reports;

	private final JobCatalog catalog;

	ReportController(CampaignReports reports, JobCatalog catalog) {
		this.reports = reports;
		this.catalog = catalog;
	}

	@GetMapping("/reports")
	String reports(Model model) {
		List<String> campaigns = this.catalog.all()
			.stream()
			.map(JobCatalog.JobFile::definition)
			.filter(Objects::nonNull)
			.map(CampaignDefinition::campaign)
			.distinct()
			.toList();
		model.addAttribute("campaigns", campaigns);
		return "reports";
	}

	@GetMapping("/reports/{campaign}")
	String report(@PathVariable String campaign, Model model) {
		model.addAttribute("campaign", campaign);
		try {
			this.reports.build(campaign);
			model.addAttribute("available", true);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("available", false);
			model.addAttribute("reason", ex.getMessage());
		}
		return "report";
	}

	@GetMapping("/reports/{campaign}/report.html")
	ResponseEntity<String> html(@PathVariable String campaign) {
		CampaignReport report = this.reports.build(campaign);
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.body(CampaignReportFiles.html(report));
	}

	@GetMapping("/reports/{campaign}/report.csv")
	ResponseEntity<String> csv(@PathVariable String campaign) {
		CampaignReport report = this.reports.build(campaign);
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + report.campaign() + "-report.csv\"")
			.body(CampaignReportFiles.csv(report));
	}

}
