package io.tidings.campaign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.YamlFiles;
import io.tidings.policy.ContactPolicy;
import io.tidings.policy.PolicyFile;
import io.tidings.segment.CustomerExpression;

import org.springframework.scheduling.support.CronExpression;

/**
 * A campaign as defined in a job file ({@code jobs/*.yml}; the README documents every
 * key). Relative paths in a job file are relative to the job file's folder.
 *
 * @param file the job file
 * @param campaign campaign name (lower case, digits and dashes: it names output folders)
 * @param description what the campaign is for
 * @param schedule when {@code tidings serve} runs it
 * @param asOf the as-of date rule used when the command line gives none
 * @param segment who is in the audience
 * @param inputs files imported at the start of each run, if any
 * @param offersFile the offer catalog
 * @param templates which template renders which document
 * @param statementMonths months of transactions on a statement
 * @param email sender addresses of emails
 * @param sender the sender's details shown on documents
 * @param valueTiers shares of customers in the core and high value tiers
 * @param experiment control group and variants
 * @param policy the contact policy ({@link ContactPolicy#NONE} without a {@code policy}
 * section)
 * @param sms SMS settings of the campaign
 */
public record CampaignDefinition(Path file, String campaign, String description, Schedule schedule, String asOf,
		CustomerExpression segment, @Nullable Inputs inputs, Path offersFile, Templates templates, int statementMonths,
		EmailOptions email, Sender sender, ValueTiers valueTiers, Experiment experiment, ContactPolicy policy,
		SmsOptions sms) {

	/**
	 * @param maxSegments most segments an SMS of the campaign may take (else it fails
	 * instead of being sent); null for the {@code tidings.sms.max-segments} setting
	 */
	public record SmsOptions(@Nullable Integer maxSegments) {
	}

	/**
	 * Shares of customers, by value, in the top tiers; the rest are {@code general}.
	 *
	 * @param core share in the core tier (the most valuable)
	 * @param high share in the high tier (the next ones)
	 */
	public record ValueTiers(double core, double high) {
	}

	/**
	 * Who is held out, and which variants the others get.
	 *
	 * @param controlGroup share of the audience that receives no marketing (legal
	 * documents still go), to measure lift
	 * @param variants champion and challengers, each changing one thing
	 */
	public record Experiment(double controlGroup, List<Variant> variants) {
	}

	/**
	 * One arm of an experiment.
	 *
	 * @param name its name, recorded with every communication
	 * @param share its share of the customers not in the control group
	 * @param templates templates it uses instead of the job's (by kind: statement,
	 * mailer, email, sms)
	 */
	public record Variant(String name, double share, java.util.Map<String, String> templates) {
	}

	/**
	 * @param cron Spring cron expression (second minute hour day month weekday)
	 * @param zone time zone the cron expression is read in
	 * @param missed what {@code tidings serve} does about scheduled times it missed (it
	 * was not running, or a run of the campaign was still going on)
	 */
	public record Schedule(String cron, ZoneId zone, Missed missed) {

		public Schedule(String cron, ZoneId zone) {
			this(cron, zone, Missed.RUN_ONCE);
		}

	}

	/**
	 * Missed-run policy of a schedule ({@code schedule.missed}).
	 */
	public enum Missed {

		/**
		 * Scheduled times missed since the last run give one run, as soon as possible.
		 */
		RUN_ONCE,

		/** Scheduled times missed by more than the grace period are skipped. */
		SKIP

	}

	/**
	 * @param customers customer file
	 * @param customersMapping mapping of the customer file's columns
	 * @param transactions account transactions for statements
	 */
	public record Inputs(Path customers, @Nullable Path customersMapping, @Nullable Path transactions) {
	}

	/**
	 * @param folder template folder (with {@code fonts/})
	 * @param statement print statement (XHTML template)
	 * @param mailer printed cross-sell mailer (XHTML template)
	 * @param email cross-sell email ({@code X.html.ftlh}, with {@code X.txt.ftl} and
	 * {@code X.subject.ftl} beside it)
	 * @param sms cross-sell SMS (text template)
	 * @param emailStatement email that carries the statement PDF to customers who chose
	 * paperless statements ({@code X.html.ftlh}, with {@code X.txt.ftl} and
	 * {@code X.subject.ftl}); null: statements always go on paper
	 */
	public record Templates(Path folder, String statement, String mailer, String email, String sms,
			@Nullable String emailStatement) {
	}

	/**
	 * @param from From address, e.g. {@code "Bank <statements@bank.example>"}
	 * @param replyTo Reply-To address
	 */
	public record EmailOptions(String from, @Nullable String replyTo) {
	}

	/**
	 * @param name sender's name
	 * @param address sender's address lines
	 * @param phone phone number customers call
	 * @param website web site
	 */
	public record Sender(String name, List<String> address, String phone, String website) {
	}

	/**
	 * Loads and checks a job file.
	 * @throws InvalidInputException naming the file, line and key
	 */
	public static CampaignDefinition load(Path jobFile) {
		Path file = jobFile.toAbsolutePath().normalize();
		if (!Files.isRegularFile(file)) {
			throw new InvalidInputException(file, "job file not found");
		}
		JobFile parsed = YamlFiles.read(file, JobFile.class);
		return parsed.toDefinition(file);
	}

	private record JobFile(@Nullable String campaign, @Nullable String description, @Nullable ScheduleEntry schedule,
			@Nullable String asOf, @Nullable AudienceEntry audience, @Nullable InputsEntry inputs,
			@Nullable String offers, @Nullable TemplatesEntry templates, @Nullable StatementEntry statement,
			@Nullable EmailEntry email, @Nullable Sender sender, @Nullable ValueTiersEntry valueTiers,
			@Nullable ExperimentEntry experiment, @Nullable PolicyFile policy, @Nullable SmsEntry sms) {

		CampaignDefinition toDefinition(Path file) {
			String name = required(file, "campaign", this.campaign);
			if (!name.matches("[a-z0-9][a-z0-9-]{0,99}")) {
				throw invalid(file, "campaign", "'" + name + "' must be lower-case letters, digits and dashes");
			}
			ScheduleEntry scheduleEntry = required(file, "schedule", this.schedule);
			String cron = required(file, "schedule.cron", scheduleEntry.cron());
			if (!CronExpression.isValidExpression(cron)) {
				throw invalid(file, "schedule.cron",
						"'" + cron + "' is not a cron expression (second minute hour day-of-month month day-of-week)");
			}
			Missed missed = Missed.RUN_ONCE;
			if (scheduleEntry.missed() != null) {
				missed = switch (scheduleEntry.missed().strip()) {
					case "run-once" -> Missed.RUN_ONCE;
					case "skip" -> Missed.SKIP;
					default -> throw invalid(file, "schedule.missed",
							"'" + scheduleEntry.missed() + "' is not a missed-run policy (run-once or skip)");
				};
			}
			ZoneId zone;
			try {
				zone = ZoneId.of((scheduleEntry.zone() != null) ? scheduleEntry.zone() : "UTC");
			}
			catch (DateTimeException ex) {
				throw invalid(file, "schedule.zone", ex.getMessage());
			}
			String asOfRule = (this.asOf != null) ? this.asOf : "today";
			try {
				AsOfRule.check(asOfRule);
			}
			catch (IllegalArgumentException ex) {
				throw invalid(file, "as-of", ex.getMessage());
			}
			AudienceEntry audienceEntry = required(file, "audience", this.audience);
			CustomerExpression segment;
			try {
				segment = CustomerExpression.parse(required(file, "audience.segment", audienceEntry.segment()));
			}
			catch (IllegalArgumentException ex) {
				throw invalid(file, "audience.segment", ex.getMessage());
			}
			Inputs inputsValue = null;
			if (this.inputs != null) {
				inputsValue = new Inputs(existing(file, "inputs.customers", this.inputs.customers()),
						optionalExisting(file, "inputs.customers-mapping", this.inputs.customersMapping()),
						optionalExisting(file, "inputs.transactions", this.inputs.transactions()));
			}
			TemplatesEntry t = required(file, "templates", this.templates);
			Path folder = existing(file, "templates.folder", t.folder());
			Templates templatesValue = new Templates(folder, required(file, "templates.statement", t.statement()),
					required(file, "templates.mailer", t.mailer()), required(file, "templates.email", t.email()),
					required(file, "templates.sms", t.sms()),
					(t.emailStatement() == null || t.emailStatement().isBlank()) ? null : t.emailStatement());
			if (!templatesValue.email().endsWith(".html.ftlh")) {
				throw invalid(file, "templates.email", "must name an X.html.ftlh template");
			}
			if (templatesValue.emailStatement() != null && !templatesValue.emailStatement().endsWith(".html.ftlh")) {
				throw invalid(file, "templates.email-statement", "must name an X.html.ftlh template");
			}
			Integer maxSegments = (this.sms != null) ? this.sms.maxSegments() : null;
			if (maxSegments != null && (maxSegments < 1 || maxSegments > 10)) {
				throw invalid(file, "sms.max-segments", "must be between 1 and 10");
			}
			int months = (this.statement != null && this.statement.periodMonths() != null)
					? this.statement.periodMonths() : 3;
			if (months < 1 || months > 24) {
				throw invalid(file, "statement.period-months", "must be between 1 and 24");
			}
			EmailEntry emailEntry = required(file, "email", this.email);
			Sender senderValue = required(file, "sender", this.sender);
			return new CampaignDefinition(file, name, (this.description != null) ? this.description : "",
					new Schedule(cron, zone, missed), asOfRule, segment, inputsValue,
					existing(file, "offers", this.offers), templatesValue, months,
					new EmailOptions(required(file, "email.from", emailEntry.from()), emailEntry.replyTo()),
					senderValue, valueTiers(file), experiment(file, templatesValue),
					(this.policy != null) ? this.policy.toPolicy(file) : ContactPolicy.NONE,
					new SmsOptions(maxSegments));
		}

		private ValueTiers valueTiers(Path file) {
			double core = share(file, "value-tiers.core", (this.valueTiers != null) ? this.valueTiers.core() : null,
					0.05);
			double high = share(file, "value-tiers.high", (this.valueTiers != null) ? this.valueTiers.high() : null,
					0.15);
			if (core + high > 1) {
				throw invalid(file, "value-tiers", "core and high shares add up to more than 100%");
			}
			return new ValueTiers(core, high);
		}

		private Experiment experiment(Path file, Templates templates) {
			if (this.experiment == null) {
				return new Experiment(0, List.of());
			}
			double control = share(file, "experiment.control-group", this.experiment.controlGroup(), 0);
			if (control >= 1) {
				throw invalid(file, "experiment.control-group", "must be below 100%");
			}
			List<Variant> variants = new java.util.ArrayList<>();
			double total = 0;
			List<VariantEntry> entries = (this.experiment.variants() != null) ? this.experiment.variants() : List.of();
			for (int index = 0; index < entries.size(); index++) {
				VariantEntry entry = entries.get(index);
				String key = "experiment.variants[" + index + "]";
				if (entry.name() == null || !entry.name().matches("[A-Za-z0-9_-]{1,40}")) {
					throw invalid(file, key + ".name", "a variant needs a name of letters, digits, - and _");
				}
				double share = share(file, key + ".share", entry.share(), 0);
				java.util.Map<String, String> overrides = (entry.templates() != null) ? entry.templates()
						: java.util.Map.of();
				for (String kind : overrides.keySet()) {
					if (!List.of("statement", "mailer", "email", "sms").contains(kind)) {
						throw invalid(file, key + ".templates." + kind,
								"unknown template kind (statement, mailer, email, sms)");
					}
				}
				if (overrides.containsKey("email") && !overrides.get("email").endsWith(".html.ftlh")) {
					throw invalid(file, key + ".templates.email", "must name an X.html.ftlh template");
				}
				total += share;
				variants.add(new Variant(entry.name(), share, overrides));
			}
			if (!variants.isEmpty() && Math.abs(total - 1) > 0.001) {
				throw invalid(file, "experiment.variants",
						"shares add up to " + Math.round(total * 100) + "%, not 100%");
			}
			return new Experiment(control, variants);
		}

	}

	private record ScheduleEntry(@Nullable String cron, @Nullable String zone, @Nullable String missed) {
	}

	private record ValueTiersEntry(@Nullable String core, @Nullable String high) {
	}

	private record ExperimentEntry(@Nullable String controlGroup, @Nullable List<VariantEntry> variants) {
	}

	private record VariantEntry(@Nullable String name, @Nullable String share,
			java.util.@Nullable Map<String, String> templates) {
	}

	/** Reads {@code 10%} or {@code 0.1} as 0.1. */
	private static double share(Path file, String key, @Nullable String value, double fallback) {
		if (value == null) {
			return fallback;
		}
		String text = value.strip();
		try {
			double share = text.endsWith("%") ? Double.parseDouble(text.substring(0, text.length() - 1)) / 100
					: Double.parseDouble(text);
			if (share >= 0 && share <= 1) {
				return share;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw invalid(file, key, "'" + value + "' is not a share between 0% and 100%");
	}

	private record AudienceEntry(@Nullable String segment) {
	}

	private record InputsEntry(@Nullable String customers, @Nullable String customersMapping,
			@Nullable String transactions) {
	}

	private record TemplatesEntry(@Nullable String folder, @Nullable String statement, @Nullable String mailer,
			@Nullable String email, @Nullable String sms, @Nullable String emailStatement) {
	}

	private record SmsEntry(@Nullable Integer maxSegments) {
	}

	private record StatementEntry(@Nullable Integer periodMonths) {
	}

	private record EmailEntry(@Nullable String from, @Nullable String replyTo) {
	}

	private static InvalidInputException invalid(Path file, String key, @Nullable String reason) {
		return new InvalidInputException(file, YamlFiles.lineOf(file, key), key, String.valueOf(reason));
	}

	private static <T> T required(Path file, String key, @Nullable T value) {
		if (value == null || (value instanceof String text && text.isBlank())) {
			throw invalid(file, key, "required key is missing");
		}
		return value;
	}

	private static Path existing(Path file, String key, @Nullable String value) {
		Path path = file.getParent().resolve(required(file, key, value)).normalize();
		if (!Files.exists(path)) {
			throw invalid(file, key, path + " does not exist");
		}
		return path;
	}

	private static @Nullable Path optionalExisting(Path file, String key, @Nullable String value) {
		return (value == null || value.isBlank()) ? null : existing(file, key, value);
	}

}
