package io.tidings.campaign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.YamlFiles;
import io.tidings.offer.OfferCatalog;
import io.tidings.offer.Ranking;
import io.tidings.outbox.DocumentKind;
import io.tidings.policy.ContactPolicy;
import io.tidings.segment.CustomerExpression;

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
 * @param languages how the language of each document is chosen
 * @param ranking what arbitration ranks the offers by, where the offers file does not say
 */
public record CampaignDefinition(Path file, String campaign, String description, Schedule schedule, String asOf,
		CustomerExpression segment, @Nullable Inputs inputs, Path offersFile, Templates templates, int statementMonths,
		EmailOptions email, Sender sender, ValueTiers valueTiers, Experiment experiment, ContactPolicy policy,
		SmsOptions sms, Languages languages, Ranking ranking) {

	/** The offer catalog, with the job file's ranking for the offers that name none. */
	public OfferCatalog offers() {
		return OfferCatalog.load(this.offersFile).withDefaultRanking(this.ranking);
	}

	/**
	 * The fallback chain of document languages (see {@link DocumentLanguages}).
	 *
	 * @param fallback the campaign's default language (a language tag such as {@code en}
	 * or {@code en-GB}, which also gives its dates and numbers)
	 * @param countries the bank's language per ISO country code, where it is not CLDR's
	 * most likely language of the country
	 */
	public record Languages(String fallback, java.util.Map<String, String> countries) {

		public Languages {
			countries = java.util.Map.copyOf(countries);
		}

	}

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
	 * The senders of the campaign's email: legally required documents (statements) and
	 * marketing each from an address of their own, so that complaints about marketing do
	 * not count against the address statements come from.
	 *
	 * @param statements sender of legally required documents
	 * @param marketing sender of marketing email
	 */
	public record EmailOptions(EmailSender statements, EmailSender marketing) {

		/** The sender of a document of that kind. */
		public EmailSender senderOf(DocumentKind kind) {
			return kind.legallyRequired() ? this.statements : this.marketing;
		}

	}

	/**
	 * @param from From address, e.g. {@code "Bank <statements@bank.example>"}
	 * @param replyTo Reply-To address
	 */
	public record EmailSender(String from, @Nullable String replyTo) {
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
		return YamlFiles.read(file, CampaignFile.class, "job.schema.json").toDefinition(file);
	}

}
