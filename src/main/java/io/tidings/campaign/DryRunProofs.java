package io.tidings.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tidings.TidingsHome;
import io.tidings.archive.AtomicFiles;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.customer.PostalAddressFormat;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.Communications;
import io.tidings.outbox.ComposedDocument;
import io.tidings.outbox.DocumentComposer;
import io.tidings.outbox.DocumentModel;
import io.tidings.outbox.DocumentRejectedException;
import io.tidings.preference.PreferenceLinks;
import io.tidings.print.PrintSettings;

import org.springframework.stereotype.Component;

/**
 * Sample proofs of a dry run, for whoever approves its release: one document for each
 * channel, document kind and offer the run planned, rendered as the real run would render
 * it, in {@code out/<campaign>/<dry-run key>/proofs/<communication id>.<pdf|eml|json>}.
 * Nothing is archived, recorded or sent. A document that cannot be rendered becomes a
 * warning of the dry run, with the reason, before any customer gets it, as does what its
 * composer foresees for other customers (an SMS longer names would push past the segment
 * limit).
 */
@Component
class DryRunProofs {

	static final int MAX_PROOFS = 50;

	private final Communications communications;

	private final CustomerRepository customers;

	private final StatementModels statements;

	private final PreferenceLinks links;

	private final Map<Channel, DocumentComposer> composers = new EnumMap<>(Channel.class);

	private final AtomicFiles files;

	private final Path out;

	private final PostalAddressFormat addresses;

	DryRunProofs(Communications communications, CustomerRepository customers, StatementModels statements,
			PreferenceLinks links, List<DocumentComposer> composers, AtomicFiles files, TidingsHome home,
			PrintSettings print) {
		this.communications = communications;
		this.customers = customers;
		this.statements = statements;
		this.links = links;
		composers.forEach(composer -> this.composers.put(composer.channel(), composer));
		this.files = files;
		this.out = home.out();
		this.addresses = print.addressFormat();
	}

	/**
	 * Writes the proofs of a completed dry run.
	 * @return a warning for each sample that could not be rendered
	 */
	List<String> write(CampaignRunContext context) {
		Path folder = context.run().outputFolder(this.out).resolve("proofs");
		DocumentModelFactory models = new DocumentModelFactory(context, this.statements, this.links, this.addresses);
		List<String> warnings = new ArrayList<>();
		for (Communication sample : this.communications.sampleOfEachKind(context.run(), CommunicationState.PLANNED,
				MAX_PROOFS)) {
			String what = sample.channel().folder() + " " + sample.kind().name().toLowerCase(Locale.ROOT)
					+ ((sample.offerCode() != null) ? " " + sample.offerCode() : "");
			try {
				Customer customer = this.customers.findById(sample.customerId())
					.orElseThrow(() -> new DocumentRejectedException("customer no longer exists"));
				DocumentComposer composer = this.composers.get(sample.channel());
				DocumentModel model = models.build(sample, customer);
				if (sample.channel() != Channel.PRINT && sample.kind().legallyRequired()) {
					model = models.electronicDelivery(model,
							this.composers.get(Channel.PRINT).compose(sample, model).content());
				}
				ComposedDocument document = composer.compose(sample, model);
				this.files.write(folder.resolve(sample.id() + "." + document.fileExtension()), document.content());
				composer.proofWarnings(sample, model)
					.forEach(warning -> warnings.add("proof of " + what + " (" + sample.id() + "): " + warning));
			}
			catch (DocumentRejectedException ex) {
				warnings.add("proof of " + what + " (" + sample.id() + ") cannot be rendered: " + ex.getMessage()
						+ "; the real run would fail such documents");
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write proof " + sample.id() + " in " + folder, ex);
			}
		}
		return warnings;
	}

}
