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
 * @param policy the contact policy ({@link ContactPolicy#NONE} without a {@code policy}
 * section)
 */
public record CampaignDefinition(Path file, String campaign, String description, Schedule schedule, String asOf,
		CustomerExpression segment, @Nullable Inputs inputs, Path offersFile, Templates templates, int statementMonths,
		EmailOptions email, Sender sender, ContactPolicy policy) {

	/**
	 * @param cron Spring cron expression (second minute hour day month weekday)
	 * @param zone time zone the cron expression is read in
	 */
	public record Schedule(String cron, ZoneId zone) {
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
	 */
	public record Templates(Path folder, String statement, String mailer, String email, String sms) {
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
			@Nullable EmailEntry email, @Nullable Sender sender, @Nullable PolicyFile policy) {

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
					required(file, "templates.sms", t.sms()));
			if (!templatesValue.email().endsWith(".html.ftlh")) {
				throw invalid(file, "templates.email", "must name an X.html.ftlh template");
			}
			int months = (this.statement != null && this.statement.periodMonths() != null)
					? this.statement.periodMonths() : 3;
			if (months < 1 || months > 24) {
				throw invalid(file, "statement.period-months", "must be between 1 and 24");
			}
			EmailEntry emailEntry = required(file, "email", this.email);
			Sender senderValue = required(file, "sender", this.sender);
			return new CampaignDefinition(file, name, (this.description != null) ? this.description : "",
					new Schedule(cron, zone), asOfRule, segment, inputsValue, existing(file, "offers", this.offers),
					templatesValue, months,
					new EmailOptions(required(file, "email.from", emailEntry.from()), emailEntry.replyTo()),
					senderValue, (this.policy != null) ? this.policy.toPolicy(file) : ContactPolicy.NONE);
		}

	}

	private record ScheduleEntry(@Nullable String cron, @Nullable String zone) {
	}

	private record AudienceEntry(@Nullable String segment) {
	}

	private record InputsEntry(@Nullable String customers, @Nullable String customersMapping,
			@Nullable String transactions) {
	}

	private record TemplatesEntry(@Nullable String folder, @Nullable String statement, @Nullable String mailer,
			@Nullable String email, @Nullable String sms) {
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
