package io.tidings.console;

import io.tidings.audit.AuditLog;
import io.tidings.campaign.RunParameters;
import io.tidings.campaign.RunProgress;
import io.tidings.schedule.CampaignLauncher;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Runs: the latest campaign runs and delivery passes with their status, each run's stages
 * with live progress, a failed run's error and restart, approval of a dry run by another
 * user than who made it (OPS).
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class RunsController {

	private final RunProgress progress;

	private final CampaignLauncher launcher;

	private final AuditLog audit;

	RunsController(RunProgress progress, CampaignLauncher launcher, AuditLog audit) {
		this.progress = progress;
		this.launcher = launcher;
		this.audit = audit;
	}

	@GetMapping("/runs")
	String runs(Model model) {
		model.addAttribute("runs", this.progress.latest(30));
		model.addAttribute("launches", this.launcher.latest());
		return "runs";
	}

	@GetMapping("/runs/table")
	String runsTable(Model model) {
		runs(model);
		return "runs-table";
	}

	@GetMapping("/runs/{id}")
	String run(@PathVariable long id, Model model) {
		model.addAttribute("run", find(id));
		return "run";
	}

	@GetMapping("/runs/{id}/stages")
	String stages(@PathVariable long id, Model model) {
		model.addAttribute("run", find(id));
		return "run-stages";
	}

	@PostMapping("/runs/{id}/restart")
	String restart(@PathVariable long id, Authentication user, RedirectAttributes redirect) {
		RunProgress.Run run = find(id);
		RunParameters parameters = parameters(run);
		if (!run.failed()) {
			redirect.addFlashAttribute("warning", "Run " + id + " did not fail: there is nothing to restart.");
			return "redirect:/runs/" + id;
		}
		return launch(
				new CampaignLauncher.Request(parameters.run().campaign(), parameters.jobFile(), parameters.asOf(),
						parameters.dryRun(), null, "RESTART"),
				user, redirect, "Restart of " + parameters.run() + " started.");
	}

	@PostMapping("/runs/{id}/approve")
	String approve(@PathVariable long id, Authentication user, RedirectAttributes redirect) {
		RunProgress.Run run = find(id);
		RunParameters parameters = parameters(run);
		if (!parameters.dryRun() || !"COMPLETED".equals(run.status())) {
			redirect.addFlashAttribute("warning", "Only a completed dry run can be approved.");
			return "redirect:/runs/" + id;
		}
		if (user.getName().equalsIgnoreCase(parameters.startedBy())) {
			this.audit.record(user.getName(), "APPROVE_REFUSED", parameters.run().campaign(),
					"four eyes: made dry run " + parameters.run().runKey());
			redirect.addFlashAttribute("warning",
					"Four eyes: you made dry run " + parameters.run().runKey() + ", so another user must approve it.");
			return "redirect:/runs/" + id;
		}
		return launch(
				new CampaignLauncher.Request(parameters.run().campaign(), parameters.jobFile(), parameters.asOf(),
						false, parameters.run().runKey(), "APPROVE"),
				user, redirect, "Dry run " + parameters.run().runKey() + " approved: the real run of "
						+ parameters.run().campaign() + " as of " + parameters.asOf() + " started.");
	}

	private String launch(CampaignLauncher.Request request, Authentication user, RedirectAttributes redirect,
			String started) {
		if (this.launcher.start(request, user.getName()).isPresent()) {
			redirect.addFlashAttribute("message", started);
		}
		else {
			redirect.addFlashAttribute("warning",
					"A run of " + request.campaign() + " is already in progress: nothing more was started.");
		}
		return "redirect:/runs";
	}

	private RunProgress.Run find(long id) {
		return this.progress.find(id)
			.orElseThrow(() -> new ConsoleErrors.NotFoundException("No campaign run with execution id " + id));
	}

	private static RunParameters parameters(RunProgress.Run run) {
		if (run.parameters() == null) {
			throw new ConsoleErrors.NotFoundException("Run " + run.id() + " has no campaign parameters");
		}
		return run.parameters();
	}

}
