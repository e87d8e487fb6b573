package io.tidings.console;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.audit.AuditLog;
import io.tidings.campaign.CampaignDefinition;
import io.tidings.campaign.RunProgress;
import io.tidings.schedule.CampaignLauncher;
import io.tidings.schedule.CampaignScheduler;
import io.tidings.schedule.JobCatalog;
import io.tidings.schedule.ScheduleStore;
import io.tidings.schedule.SchedulerSettings;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The jobs page: every job file with its schedule, next time, state and whether it is
 * valid; run now, dry run, enable and disable (OPS).
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class JobsController {

	private final JobCatalog catalog;

	private final ScheduleStore schedules;

	private final CampaignLauncher launcher;

	private final RunProgress progress;

	private final AuditLog audit;

	private final SchedulerSettings settings;

	private final Clock clock;

	JobsController(JobCatalog catalog, ScheduleStore schedules, CampaignLauncher launcher, RunProgress progress,
			AuditLog audit, SchedulerSettings settings, Clock clock) {
		this.catalog = catalog;
		this.schedules = schedules;
		this.launcher = launcher;
		this.progress = progress;
		this.audit = audit;
		this.settings = settings;
		this.clock = clock;
	}

	@GetMapping("/jobs")
	String jobs(Model model) {
		Instant now = this.clock.instant();
		List<JobRow> rows = this.catalog.all().stream().map((job) -> row(job, now)).toList();
		model.addAttribute("jobs", rows);
		model.addAttribute("folder", this.catalog.folder().toString());
		model.addAttribute("schedulerEnabled", this.settings.enabled());
		return "jobs";
	}

	private JobRow row(JobCatalog.JobFile job, Instant now) {
		CampaignDefinition definition = job.definition();
		Optional<ScheduleStore.State> state = this.schedules.find(job.name());
		boolean enabled = state.map(ScheduleStore.State::enabled).orElse(true);
		if (definition == null) {
			return new JobRow(job.name(), null, null, null, null, null, enabled, false, job.invalidReason(), false,
					false);
		}
		CampaignDefinition.Schedule schedule = definition.schedule();
		Instant next = enabled
				? CampaignScheduler.next(schedule, state.map(ScheduleStore.State::lastFireAt).orElse(null), now) : null;
		return new JobRow(job.name(), definition.campaign(), definition.description(), schedule.cron(),
				schedule.zone().getId() + ", missed: "
						+ schedule.missed().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
				next, enabled, true, null, this.progress.running(definition.campaign()),
				definition.policy().requireApproval());
	}

	@PostMapping("/jobs/{name}/run")
	String run(@PathVariable String name, @RequestParam(name = "asOf", required = false) @Nullable String asOf,
			@RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun, Authentication user,
			RedirectAttributes redirect) {
		JobCatalog.JobFile job = this.catalog.find(name)
			.orElseThrow(() -> new ConsoleErrors.NotFoundException("No job file " + name + " in the jobs folder"));
		CampaignDefinition definition = job.definition();
		if (definition == null) {
			throw new InvalidInputException("Job " + name + " is invalid: " + job.invalidReason());
		}
		CampaignLauncher.Request request = new CampaignLauncher.Request(definition.campaign(), job.file(), date(asOf),
				dryRun, null, dryRun ? "DRY_RUN" : "RUN");
		if (this.launcher.start(request, user.getName()).isPresent()) {
			redirect.addFlashAttribute("message",
					(dryRun ? "Dry run" : "Run") + " of " + definition.campaign() + " started.");
			return "redirect:/runs";
		}
		redirect.addFlashAttribute("warning",
				"A run of " + definition.campaign() + " is already in progress: nothing more was started.");
		return "redirect:/runs";
	}

	@PostMapping("/jobs/{name}/enabled")
	String enable(@PathVariable String name, @RequestParam("enabled") boolean enabled, Authentication user,
			RedirectAttributes redirect) {
		JobCatalog.JobFile job = this.catalog.find(name)
			.orElseThrow(() -> new ConsoleErrors.NotFoundException("No job file " + name + " in the jobs folder"));
		this.schedules.setEnabled(job.name(), enabled, user.getName());
		this.audit.record(user.getName(), enabled ? "ENABLE" : "DISABLE", job.name(), null);
		redirect.addFlashAttribute("message",
				"Job " + job.name() + (enabled ? " enabled: it runs on its schedule." : " disabled."));
		return "redirect:/jobs";
	}

	private static @Nullable LocalDate date(@Nullable String asOf) {
		if (asOf == null || asOf.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(asOf.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("'" + asOf + "' is not a date (YYYY-MM-DD)");
		}
	}

	/**
	 * One job as the page shows it.
	 *
	 * @param name job file name
	 * @param campaign campaign name
	 * @param description what it is for
	 * @param cron cron expression
	 * @param zone time zone and missed-run policy
	 * @param next next scheduled time
	 * @param enabled whether the scheduler runs it
	 * @param valid whether the file is valid
	 * @param invalidReason why not
	 * @param running whether a run of the campaign is going on
	 * @param requiresApproval whether a real run needs an approved dry run
	 */
	public record JobRow(String name, @Nullable String campaign, @Nullable String description, @Nullable String cron,
			@Nullable String zone, @Nullable Instant next, boolean enabled, boolean valid,
			@Nullable String invalidReason, boolean running, boolean requiresApproval) {
	}

}
