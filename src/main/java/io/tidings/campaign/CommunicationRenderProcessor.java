package io.tidings.campaign;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.tidings.archive.ArchivedDocument;
import io.tidings.archive.DocumentArchive;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.ComposedDocument;
import io.tidings.outbox.DocumentComposer;
import io.tidings.outbox.DocumentModel;
import io.tidings.outbox.DocumentRejectedException;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The render stage for one communication: builds its data model, has the channel's
 * composer render it, and archives the exact bytes (the file written on another thread
 * while the chunk goes on: {@link RenderedDocumentWriter} waits for it before the chunk
 * is recorded). A legally required document that goes by email (a paperless customer's
 * statement) is rendered by the print composer first, tagged for a screen, and attached
 * to the email. Such a statement and a printed document are handed on with their data,
 * for {@link RenderedDocumentWriter}, which composes the chunk's statements together. A
 * document that cannot be rendered throws {@link DocumentRejectedException}, which the
 * step skips and records.
 */
class CommunicationRenderProcessor implements ItemProcessor<Communication, RenderWork> {

	private final DocumentModelFactory models;

	private final CustomerRepository customers;

	private final Map<Channel, DocumentComposer> composers = new EnumMap<>(Channel.class);

	private final DocumentArchive archive;

	CommunicationRenderProcessor(DocumentModelFactory models, CustomerRepository customers,
			List<DocumentComposer> composers, DocumentArchive archive) {
		this.models = models;
		this.customers = customers;
		composers.forEach(composer -> this.composers.put(composer.channel(), composer));
		this.archive = archive;
	}

	@Override
	public RenderWork process(Communication communication) {
		Customer customer = this.customers.findById(communication.customerId())
			.orElseThrow(() -> new DocumentRejectedException(
					"customer " + communication.customerId() + " no longer exists"));
		DocumentComposer composer = this.composers.get(communication.channel());
		if (composer == null) {
			throw new IllegalStateException("No composer for channel " + communication.channel());
		}
		DocumentModel model = this.models.build(communication, customer);
		if (communication.channel() == Channel.PRINT) {
			return new RenderWork.Deferred(communication, model);
		}
		if (communication.kind().legallyRequired()) {
			// the statement (a PDF) is laid out with the chunk's others, then attached
			return new RenderWork.Deferred(communication, model, (statement, pdf) -> composer.compose(communication,
					this.models.electronicDelivery(statement, pdf)));
		}
		ComposedDocument document = composer.compose(communication, model);
		ArchivedDocument archived = this.archive.storeInBackground(communication.id(), document.fileExtension(),
				document.content());
		return new RenderedCommunication(communication.id(), archived.relativePath(), archived.sha256(),
				document.pageCount(), archived.written());
	}

}
