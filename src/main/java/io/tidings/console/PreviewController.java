package io.tidings.console;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.audit.AuditLog;
import io.tidings.campaign.CampaignDefinition;
import io.tidings.campaign.CampaignPreview;
import io.tidings.outbox.ComposedDocument;
import io.tidings.print.PrintProofs;
import io.tidings.schedule.JobCatalog;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Template preview with a chosen customer ({@code tidings preview} in the console): the
 * print template rendered as a run would render it, as a page image and the proof PDF.
 * Sends nothing; each preview and proof is in the audit log.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class PreviewController {

	private final CampaignPreview preview;

	private final JobCatalog catalog;

	private final AuditLog audit;

	PreviewController(CampaignPreview preview, JobCatalog catalog, AuditLog audit) {
		this.preview = preview;
		this.catalog = catalog;
		this.audit = audit;
	}

	@GetMapping("/preview")
	String page(@RequestParam(name = "job", required = false) @Nullable String job,
			@RequestParam(name = "template", required = false) @Nullable String template,
			@RequestParam(name = "customer", required = false) @Nullable String customer, Model model,
			Authentication user) throws IOException {
		List<JobCatalog.JobFile> jobs = this.catalog.all().stream().filter(JobCatalog.JobFile::valid).toList();
		JobCatalog.JobFile chosen = jobs.stream()
			.filter((candidate) -> candidate.name().equals(job))
			.findFirst()
			.orElse(jobs.isEmpty() ? null : jobs.get(0));
		model.addAttribute("jobs", jobs.stream().map(JobCatalog.JobFile::name).toList());
		model.addAttribute("job", (chosen != null) ? chosen.name() : "");
		CampaignDefinition definition = (chosen != null) ? chosen.definition() : null;
		List<String> templates = (definition != null)
				? List.of(definition.templates().statement(), definition.templates().mailer()) : List.of();
		model.addAttribute("templates", templates);
		String name = (template != null && templates.contains(template)) ? template
				: (templates.isEmpty() ? "" : templates.get(0));
		model.addAttribute("template", name);
		model.addAttribute("customer", (customer != null) ? customer : "");
		if (chosen != null && customer != null && !customer.isBlank()) {
			try {
				ComposedDocument proof = render(chosen, name, customer.strip());
				this.audit.record(user.getName(), "PREVIEW", customer.strip(), chosen.name() + " " + name);
				model.addAttribute("image",
						Base64.getEncoder().encodeToString(PrintProofs.firstPage(proof.content(), PrintProofs.DPI)));
				model.addAttribute("pages", Objects.requireNonNullElse(proof.pageCount(), 1));
			}
			catch (InvalidInputException ex) {
				model.addAttribute("error", ex.getMessage());
			}
		}
		return "preview";
	}

	@GetMapping("/preview/proof.pdf")
	ResponseEntity<byte[]> pdf(@RequestParam("job") String job, @RequestParam("template") String template,
			@RequestParam("customer") String customer, Authentication user) {
		JobCatalog.JobFile file = this.catalog.find(job)
			.filter(JobCatalog.JobFile::valid)
			.orElseThrow(() -> new ConsoleErrors.NotFoundException("No valid job file " + job));
		ComposedDocument proof = render(file, template, customer.strip());
		this.audit.record(user.getName(), "VIEW_PROOF", customer.strip(), file.name() + " " + template);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"proof.pdf\"")
			.body(proof.content());
	}

	private ComposedDocument render(JobCatalog.JobFile job, String template, String customer) {
		CampaignDefinition definition = Objects.requireNonNull(job.definition());
		if (!List.of(definition.templates().statement(), definition.templates().mailer()).contains(template)) {
			throw new InvalidInputException("template " + template + " is not a print template of " + job.name());
		}
		return this.preview.preview(job.file(), template, customer, null);
	}

}
