package io.tidings.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

	private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

	private static final Pattern INLINE_STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

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
		String html = CampaignReportFiles.html(report);
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.header("Content-Security-Policy", selfContainedPolicy(html))
			.body(html);
	}

	/**
	 * The report is one self-contained file (it is also written to disk, to be opened
	 * without a server): its scripts and styles are inline. Only those, by hash, may run.
	 */
	static String selfContainedPolicy(String html) {
		return "default-src 'none'; script-src " + hashes(INLINE_SCRIPT.matcher(html)) + "; style-src "
				+ hashes(INLINE_STYLE.matcher(html)) + "; img-src data:; frame-ancestors 'self'; base-uri 'none'";
	}

	private static String hashes(Matcher inline) {
		List<String> hashes = new ArrayList<>();
		while (inline.find()) {
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256")
					.digest(inline.group(1).getBytes(StandardCharsets.UTF_8));
				hashes.add("'sha256-" + Base64.getEncoder().encodeToString(digest) + "'");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return hashes.isEmpty() ? "'none'" : String.join(" ", hashes);
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
