package io.tidings.campaign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.YamlFiles;
import io.tidings.campaign.CampaignDefinition.EmailOptions;
import io.tidings.campaign.CampaignDefinition.EmailSender;
import io.tidings.campaign.CampaignDefinition.Experiment;
import io.tidings.campaign.CampaignDefinition.Inputs;
import io.tidings.campaign.CampaignDefinition.Languages;
import io.tidings.campaign.CampaignDefinition.Missed;
import io.tidings.campaign.CampaignDefinition.Schedule;
import io.tidings.campaign.CampaignDefinition.Sender;
import io.tidings.campaign.CampaignDefinition.SmsOptions;
import io.tidings.campaign.CampaignDefinition.Templates;
import io.tidings.campaign.CampaignDefinition.ValueTiers;
import io.tidings.campaign.CampaignDefinition.Variant;
import io.tidings.offer.Ranking;
import io.tidings.policy.ContactPolicy;
import io.tidings.policy.PolicyFile;
import io.tidings.segment.CustomerExpression;

import org.springframework.scheduling.support.CronExpression;

/**
 * A job file as written (bound from YAML by {@link YamlFiles}, which already refuses
 * unknown keys and values of the wrong type), before it is checked: {@link #toDefinition}
 * checks what binding cannot (required keys, names, cron, zone, shares, paths that must
 * exist) and refuses a bad setting naming the file, line and key.
 */
record CampaignFile(@Nullable String campaign, @Nullable String description, @Nullable ScheduleEntry schedule,
		@Nullable String asOf, @Nullable AudienceEntry audience, @Nullable InputsEntry inputs, @Nullable String offers,
		@Nullable TemplatesEntry templates, @Nullable StatementEntry statement, @Nullable EmailEntry email,
		@Nullable Sender sender, @Nullable ValueTiersEntry valueTiers, @Nullable ExperimentEntry experiment,
		@Nullable PolicyFile policy, @Nullable SmsEntry sms, @Nullable LanguagesEntry languages,
		@Nullable String ranking) {

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
		int months = (this.statement != null && this.statement.periodMonths() != null) ? this.statement.periodMonths()
				: 3;
		if (months < 1 || months > 24) {
			throw invalid(file, "statement.period-months", "must be between 1 and 24");
		}
		EmailEntry emailEntry = required(file, "email", this.email);
		EmailOptions emailValue = new EmailOptions(emailSender(file, emailEntry, "statements", emailEntry.statements()),
				emailSender(file, emailEntry, "marketing", emailEntry.marketing()));
		Sender senderValue = required(file, "sender", this.sender);
		return new CampaignDefinition(file, name, (this.description != null) ? this.description : "",
				new Schedule(cron, zone, missed), asOfRule, segment, inputsValue, existing(file, "offers", this.offers),
				templatesValue, months, emailValue, senderValue, valueTiers(file), experiment(file, templatesValue),
				(this.policy != null) ? this.policy.toPolicy(file) : ContactPolicy.NONE, new SmsOptions(maxSegments),
				languages(file), ranking(file));
	}

	private Ranking ranking(Path file) {
		if (this.ranking == null) {
			return Ranking.EXPECTED_VALUE;
		}
		return Ranking.parse(this.ranking)
			.orElseThrow(() -> invalid(file, "ranking",
					"'" + this.ranking + "' is not a ranking (expected-value or uplift)"));
	}

	private Languages languages(Path file) {
		String fallback = (this.languages != null && this.languages.defaultLanguage() != null)
				? this.languages.defaultLanguage().strip() : "en";
		if (!fallback.matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
			throw invalid(file, "languages.default", "'" + fallback + "' is not a language tag such as en or en-GB");
		}
		Map<String, String> countries = new java.util.HashMap<>();
		if (this.languages != null && this.languages.countries() != null) {
			this.languages.countries().forEach((country, language) -> {
				if (!country.matches("[A-Za-z]{2}") || !language.strip().matches("[a-z]{2,3}")) {
					throw invalid(file, "languages.countries",
							"'" + country + ": " + language + "' must map a country code to a language, e.g. CH: de");
				}
				countries.put(country.toUpperCase(java.util.Locale.ROOT), language.strip());
			});
		}
		return new Languages(fallback, countries);
	}

	/**
	 * The sender of one stream of email ({@code email.statements} or
	 * {@code email.marketing}): each key it leaves out is the campaign's
	 * {@code email.from} or {@code email.reply-to}.
	 */
	private static EmailSender emailSender(Path file, EmailEntry email, String stream, @Nullable EmailSenderEntry own) {
		String from = (own != null && own.from() != null && !own.from().isBlank()) ? own.from() : email.from();
		if (from == null || from.isBlank()) {
			throw invalid(file, "email.from", "required key is missing (or give email." + stream + ".from)");
		}
		String replyTo = (own != null && own.replyTo() != null) ? own.replyTo() : email.replyTo();
		return new EmailSender(from, (replyTo == null || replyTo.isBlank()) ? null : replyTo);
	}

	private ValueTiers valueTiers(Path file) {
		double core = share(file, "value-tiers.core", (this.valueTiers != null) ? this.valueTiers.core() : null, 0.05);
		double high = share(file, "value-tiers.high", (this.valueTiers != null) ? this.valueTiers.high() : null, 0.15);
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
		List<Variant> variants = new ArrayList<>();
		double total = 0;
		List<VariantEntry> entries = (this.experiment.variants() != null) ? this.experiment.variants() : List.of();
		for (int index = 0; index < entries.size(); index++) {
			VariantEntry entry = entries.get(index);
			String key = "experiment.variants[" + index + "]";
			if (entry.name() == null || !entry.name().matches("[A-Za-z0-9_-]{1,40}")) {
				throw invalid(file, key + ".name", "a variant needs a name of letters, digits, - and _");
			}
			double share = share(file, key + ".share", entry.share(), 0);
			Map<String, String> overrides = (entry.templates() != null) ? entry.templates() : Map.of();
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
			throw invalid(file, "experiment.variants", "shares add up to " + Math.round(total * 100) + "%, not 100%");
		}
		return new Experiment(control, variants);
	}

	record ScheduleEntry(@Nullable String cron, @Nullable String zone, @Nullable String missed) {
	}

	record ValueTiersEntry(@Nullable String core, @Nullable String high) {
	}

	record ExperimentEntry(@Nullable String controlGroup, @Nullable List<VariantEntry> variants) {
	}

	record VariantEntry(@Nullable String name, @Nullable String share, @Nullable Map<String, String> templates) {
	}

	record AudienceEntry(@Nullable String segment) {
	}

	record InputsEntry(@Nullable String customers, @Nullable String customersMapping, @Nullable String transactions) {
	}

	record TemplatesEntry(@Nullable String folder, @Nullable String statement, @Nullable String mailer,
			@Nullable String email, @Nullable String sms, @Nullable String emailStatement) {
	}

	record LanguagesEntry(@Nullable @JsonProperty("default") String defaultLanguage,
			@Nullable Map<String, String> countries) {
	}

	record SmsEntry(@Nullable Integer maxSegments) {
	}

	record StatementEntry(@Nullable Integer periodMonths) {
	}

	record EmailEntry(@Nullable String from, @Nullable String replyTo, @Nullable EmailSenderEntry statements,
			@Nullable EmailSenderEntry marketing) {
	}

	record EmailSenderEntry(@Nullable String from, @Nullable String replyTo) {
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
