package io.tidings.campaign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.customer.PostalAddressFormat;
import io.tidings.offer.OfferArbitration;
import io.tidings.offer.OfferDecision;
import io.tidings.offer.OfferVolumes;
import io.tidings.offer.ProductAssociations;
import io.tidings.offer.PropensityEstimator;
import io.tidings.offer.PropensityModels;
import io.tidings.offer.UpliftModels;
import io.tidings.offer.ResponseScores;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.ComposedDocument;
import io.tidings.outbox.DecisionDetails;
import io.tidings.outbox.DocumentComposer;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.DocumentRejectedException;
import io.tidings.outbox.RunRef;
import io.tidings.preference.PreferenceLinks;
import io.tidings.print.PrintSettings;

import org.springframework.stereotype.Component;

/**
 * Renders one print template for one customer with the data a campaign run would give it
 * (the job file's sender and offers, the customer's transactions and best offer), for
 * designers to proof. Nothing is recorded: the ledger and the archive are not touched.
 */
@Component
public class CampaignPreview {

	private final CustomerRepository customers;

	private final StatementModels statements;

	private final PreferenceLinks links;

	private final ResponseScores scores;

	private final List<DocumentComposer> composers;

	private final PropensityModels models;

	private final UpliftModels upliftModels;

	private final ProductAssociations associations;

	private final Clock clock;

	private final PostalAddressFormat addresses;

	private final JobFileRoots roots;

	CampaignPreview(CustomerRepository customers, StatementModels statements, PreferenceLinks links,
			ResponseScores scores, List<DocumentComposer> composers, PropensityModels models,
			ProductAssociations associations, Clock clock, PrintSettings print, JobFileRoots roots,
			UpliftModels upliftModels) {
		this.roots = roots;
		this.upliftModels = upliftModels;
		this.customers = customers;
		this.statements = statements;
		this.links = links;
		this.scores = scores;
		this.composers = composers;
		this.models = models;
		this.associations = associations;
		this.clock = clock;
		this.addresses = print.addressFormat();
	}

	/**
	 * Renders a print template.
	 * @param jobFile the campaign whose templates, sender and offers are used
	 * @param template the template: a file inside the job's template folder, or its name
	 * relative to that folder
	 * @param customerId the customer (an id from any imported source file)
	 * @param asOf the as-of date; the job file's rule when null
	 * @return the PDF
	 * @throws InvalidInputException when the template, customer or data do not give a
	 * document, with the reason (template name and line for template errors)
	 */
	public ComposedDocument preview(Path jobFile, String template, String customerId, @Nullable LocalDate asOf) {
		CampaignDefinition definition = this.roots.confine(CampaignDefinition.load(jobFile));
		String name = templateName(definition.templates().folder(), template);
		String id = this.customers.findIdBySource(customerId).orElse(customerId);
		Customer customer = this.customers.findById(id)
			.orElseThrow(() -> new InvalidInputException("no customer with id " + customerId));
		LocalDate date = (asOf != null) ? asOf : AsOfRule.resolve(definition.asOf(), LocalDate.now(this.clock));
		// a dry run: a preview takes nothing from the real runs, such as a statement
		// number
		CampaignRunContext context = new CampaignRunContext(definition, definition.offers(),
				new RunRef(definition.campaign(), "preview"), date, true);
		DocumentKind kind = name.equals(definition.templates().mailer()) ? DocumentKind.CROSS_SELL
				: DocumentKind.STATEMENT;
		CampaignDefinition.ValueTiers shares = definition.valueTiers();
		var tier = this.customers.valueTierThresholds(shares.core(), shares.high()).tierOf(customer);
		OfferDecision offer = new OfferArbitration(context.offers(),
				new PropensityEstimator(this.models::latest, this.upliftModels::latest))
			.choose(customer, context.offers().facts(customer, date, tier, this.associations.load()), date,
					this.scores.forCustomer(customer.id()), OfferVolumes.none());
		String offerCode = (offer instanceof OfferDecision.Chosen chosen) ? chosen.offer().code() : null;
		String modelVersion = (offer instanceof OfferDecision.Chosen chosen) ? chosen.modelVersion() : null;
		if (kind == DocumentKind.CROSS_SELL && offerCode == null) {
			throw new InvalidInputException(
					"customer " + customerId + " has no offer for " + name + ": " + offer.reason());
		}
		Communication communication = new Communication(
				CommunicationId.of(definition.campaign(), "preview", customer.id(), Channel.PRINT, kind), context.run(),
				customer.id(), Channel.PRINT, kind, offerCode, name, "preview", CommunicationState.PLANNED, null, null,
				null, null, null, Instant.now(this.clock), null, null, null, null, null, null, null, null,
				new DecisionDetails(tier.label(), null, modelVersion, null));
		DocumentComposer print = this.composers.stream()
			.filter(composer -> composer.channel() == Channel.PRINT)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No print composer"));
		try {
			return print.compose(communication,
					new DocumentModelFactory(context, this.statements, this.links, this.addresses).build(communication,
							customer));
		}
		catch (DocumentRejectedException ex) {
			throw new InvalidInputException(ex.getMessage());
		}
	}

	private static String templateName(Path folder, String template) {
		Path root = folder.toAbsolutePath().normalize();
		Path file = Path.of(template).toAbsolutePath().normalize();
		if (Files.isRegularFile(file)) {
			if (!file.startsWith(root)) {
				throw new InvalidInputException(file, "the template must be inside the job's template folder " + root);
			}
			return root.relativize(file).toString().replace('\\', '/');
		}
		if (!Files.isRegularFile(root.resolve(template))) {
			throw new InvalidInputException("template " + template + " not found in " + root);
		}
		return template;
	}

}
