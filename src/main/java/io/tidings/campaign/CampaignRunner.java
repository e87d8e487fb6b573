package io.tidings.campaign;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.tidings.BatchJobs;
import io.tidings.InvalidInputException;
import io.tidings.TidingsHome;
import io.tidings.customer.CustomerImport;
import io.tidings.outbox.DocumentRejectedException;
import io.tidings.offer.Offer;
import io.tidings.offer.OfferCatalog;
import io.tidings.offer.UpliftModels;
import io.tidings.outbox.CommunicationCount;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.RunCounts;
import io.tidings.outbox.RunRef;
import io.tidings.render.TemplateEngine;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Runs campaigns: checks the job file and everything it names, then starts the campaign
 * run job, or resumes it when the same run stopped before its end. A run is identified by
 * campaign and run key (the as-of date); running the same command again after a crash
 * finishes that run, and after completion does nothing.
 */
@Component
public class CampaignRunner {

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job campaignRunJob;

	private final CustomerImport customerImport;

	private final TemplateEngine templates;

	private final RunCounts runCounts;

	private final AudienceRepository audience;

	private final TidingsHome home;

	private final Clock clock;

	private final Job campaignDeliveryJob;

	private final RunApprovals approvals;

	private final DryRunProofs proofs;

	private final JobFileRoots roots;

	private final DocumentLanguageCounts languageCounts;

	private final RunSummaryFile summaryFile;

	private final UpliftModels upliftModels;

	CampaignRunner(JobOperator jobOperator, JobRepository jobRepository,
			@Qualifier("campaignRunJob") Job campaignRunJob, CustomerImport customerImport, TemplateEngine templates,
			RunCounts runCounts, AudienceRepository audience, TidingsHome home, Clock clock,
			@Qualifier("campaignDeliveryJob") Job campaignDeliveryJob, DryRunProofs proofs, JobFileRoots roots,
			DocumentLanguageCounts languageCounts, RunSummaryFile summaryFile, UpliftModels upliftModels) {
		this.summaryFile = summaryFile;
		this.roots = roots;
		this.upliftModels = upliftModels;
		this.languageCounts = languageCounts;
		this.campaignDeliveryJob = campaignDeliveryJob;
		this.proofs = proofs;
		this.approvals = new RunApprovals(jobRepository, campaignRunJob);
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.campaignRunJob = campaignRunJob;
		this.customerImport = customerImport;
		this.templates = templates;
		this.runCounts = runCounts;
		this.audience = audience;
		this.home = home;
		this.clock = clock;
	}

	/**
	 * Loads a job file and checks that everything it names can be used.
	 * @throws InvalidInputException naming the file, line and field
	 */
	public CampaignDefinition check(Path jobFile) {
		CampaignDefinition definition = this.roots.confine(CampaignDefinition.load(jobFile));
		OfferCatalog offers = definition.offers();
		List<String> languageProblems = DocumentLanguages.of(definition).defaultLanguageProblems(offers.offers());
		if (!languageProblems.isEmpty()) {
			throw new InvalidInputException(definition.file(), String.join("; ", languageProblems));
		}
		for (Offer offer : offers.offers()) {
			if (offer.rankedByUplift()) {
				this.upliftModels.unusable(offer.code(), offer.model()).ifPresent(reason -> {
					throw new InvalidInputException(definition.file(),
							"offer " + offer.code() + " is ranked by uplift, but there is no uplift model: " + reason);
				});
			}
		}
		CampaignDefinition.Templates names = definition.templates();
		String email = names.email().replaceFirst("\\.html\\.ftlh$", "");
		List<String> all = new java.util.ArrayList<>(List.of(names.statement(), names.mailer(), names.email(),
				email + ".txt.ftl", email + ".subject.ftl", names.sms()));
		if (names.emailStatement() != null) {
			String statement = names.emailStatement().replaceFirst("\\.html\\.ftlh$", "");
			all.addAll(List.of(names.emailStatement(), statement + ".txt.ftl", statement + ".subject.ftl"));
		}
		for (String template : all) {
			try {
				this.templates.check(names.folder(), template);
			}
			catch (DocumentRejectedException ex) {
				throw new InvalidInputException(definition.file(), ex.getMessage());
			}
		}
		if (definition.inputs() != null) {
			this.customerImport.check(definition.inputs().customers(), definition.inputs().customersMapping(),
					definition.inputs().transactions());
		}
		return definition;
	}

	/**
	 * Runs (or resumes, or dry-runs) a campaign.
	 * @param jobFile the job file
	 * @param asOf the as-of date; the job file's rule when null
	 * @param dryRun plan and report without rendering or sending
	 */
	public RunReport run(Path jobFile, @Nullable LocalDate asOf, boolean dryRun) {
		return run(jobFile, asOf, dryRun, null, null);
	}

	/**
	 * Runs (or resumes, or dry-runs) a campaign. A run that completed with deferred
	 * communications gets a delivery pass instead: what has become due is delivered, so
	 * running the same command every day sends each deferred communication on its day.
	 * @param jobFile the job file
	 * @param asOf the as-of date; the job file's rule when null
	 * @param dryRun plan and report without rendering or sending
	 * @param approvedDryRun the run key of the dry run approved for release, required to
	 * start a real run when the job file sets {@code policy.require-approval}
	 * @param user who starts the run, kept with it: who made a dry run may not approve
	 * it; null when unknown, and a dry run made by nobody known cannot be approved
	 * @throws InvalidInputException when approval is required and missing, stale, or
	 * asked by who made the dry run
	 */
	public RunReport run(Path jobFile, @Nullable LocalDate asOf, boolean dryRun, @Nullable String approvedDryRun,
			@Nullable String user) {
		CampaignDefinition definition = check(jobFile);
		LocalDate date = (asOf != null) ? asOf : AsOfRule.resolve(definition.asOf(), LocalDate.now(this.clock));
		String runKey = dryRun
				? date + RunRef.DRY_RUN_MARK
						+ LocalDateTime.now(this.clock).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
				: date.toString();
		RunRef run = new RunRef(definition.campaign(), runKey);
		JobParameters parameters = parameters(definition, run, date, dryRun, user);
		if (!dryRun && this.jobRepository.getJobInstance(this.campaignRunJob.getName(), parameters) == null) {
			this.approvals.check(definition, run, approvedDryRun, user);
		}
		BatchJobs.Outcome outcome = BatchJobs.startOrResume(this.jobOperator, this.jobRepository, this.campaignRunJob,
				parameters);
		boolean deliveryPass = false;
		if (outcome.alreadyComplete() && !dryRun && this.runCounts.pending(run, this.clock.instant()).due() > 0) {
			outcome = deliveryPass(definition, run, date);
			deliveryPass = true;
		}
		List<String> warnings = new ArrayList<>();
		List<RunReport.LanguageCount> languages = List.of();
		if (dryRun && outcome.completed()) {
			CampaignRunContext context = new CampaignRunContext(definition, definition.offers(), run, date, true);
			warnings.addAll(this.proofs.write(context));
			languages = this.languageCounts.count(context);
		}
		List<CommunicationCount> counts = this.runCounts.count(run, this.clock.instant());
		warnings.addAll(unofferedWarnings(definition, counts));
		long inDoubt = counts.stream()
			.filter(count -> "in-doubt".equals(count.reasonCode()))
			.mapToLong(CommunicationCount::count)
			.sum();
		if (inDoubt > 0) {
			warnings.add(inDoubt + " communication(s) in doubt: SMTP or the SMS provider may or may not have taken "
					+ "them (a stop or a time-out cut off the answer); recorded as sent with reason in-doubt and not "
					+ "sent again; a bounce or delivery receipt settles them");
		}
		RunReport report = new RunReport(run, outcome.completed(), outcome.alreadyComplete(), outcome.resumed(), dryRun,
				this.audience.count(run), this.runCounts.tally(run),
				outcome.completed() ? null : BatchJobs.failure(outcome.execution()), run.outputFolder(this.home.out()),
				deliveryPass, this.runCounts.pending(run, this.clock.instant()), counts, warnings, languages, "");
		return report.withSummary(this.summaryFile.write(report, outcome.execution(), date));
	}

	/**
	 * A warning for each offer of the catalog that no customer of the run was offered:
	 * its rule, validity or cap may be wrong.
	 */
	private static List<String> unofferedWarnings(CampaignDefinition definition, List<CommunicationCount> counts) {
		Set<String> offered = new HashSet<>();
		counts.stream()
			.filter(count -> count.offerCode() != null && count.state() != CommunicationState.SUPPRESSED)
			.forEach(count -> offered.add(count.offerCode()));
		return definition.offers()
			.offers()
			.stream()
			.map(Offer::code)
			.filter(code -> !offered.contains(code))
			.map(code -> "offer " + code + " went to no customer of this run: check its eligibility rule, "
					+ "validity dates and volume cap")
			.toList();
	}

	/**
	 * Delivers what became due in a completed run. A pass that a crash left running is
	 * marked failed first; the new pass does what is left, since the ledger is the truth.
	 */
	private BatchJobs.Outcome deliveryPass(CampaignDefinition definition, RunRef run, LocalDate asOf) {
		boolean recovered = false;
		for (JobExecution running : this.jobRepository.findRunningJobExecutions(this.campaignDeliveryJob.getName())) {
			JobParameters previous = running.getJobParameters();
			if (run.campaign().equals(previous.getString(CampaignRunContext.CAMPAIGN))
					&& run.runKey().equals(previous.getString(CampaignRunContext.RUN_KEY))) {
				this.jobOperator.recover(running);
				recovered = true;
			}
		}
		JobParameters parameters = new JobParametersBuilder(parameters(definition, run, asOf, false, null))
			.addString(CampaignDeliveryJobConfiguration.PASS, this.clock.instant().toString())
			.toJobParameters();
		BatchJobs.Outcome outcome = BatchJobs.startOrResume(this.jobOperator, this.jobRepository,
				this.campaignDeliveryJob, parameters);
		return new BatchJobs.Outcome(outcome.execution(), recovered || outcome.resumed(), false);
	}

	private JobParameters parameters(CampaignDefinition definition, RunRef run, LocalDate asOf, boolean dryRun,
			@Nullable String user) {
		JobParametersBuilder builder = new JobParametersBuilder().addString(CampaignRunContext.CAMPAIGN, run.campaign())
			.addString(CampaignRunContext.RUN_KEY, run.runKey())
			.addString(CampaignRunContext.JOB_FILE, definition.file().toString(), false)
			.addString(CampaignRunContext.AS_OF, asOf.toString(), false)
			.addString(CampaignRunContext.DRY_RUN, String.valueOf(dryRun), false)
			.addString(RunApprovals.DIGEST, this.approvals.digest(definition), false);
		if (user != null) {
			builder.addString(RunApprovals.STARTED_BY, user, false);
		}
		CampaignDefinition.Inputs inputs = definition.inputs();
		if (inputs != null) {
			builder.addString(CustomerImport.CUSTOMERS_FILE, inputs.customers().toString(), false);
			if (inputs.customersMapping() != null) {
				builder.addString(CustomerImport.MAPPING_FILE, inputs.customersMapping().toString(), false);
			}
			if (inputs.transactions() != null) {
				builder.addString(CustomerImport.TRANSACTIONS_FILE, inputs.transactions().toString(), false);
			}
		}
		return builder.toJobParameters();
	}

}
